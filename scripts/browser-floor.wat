;; The browser floor (Chrome 109, Firefox 115, 360 极速 on Chromium 109), as wasm: one use of each
;; feature the app's wasm is built with (rustc's target_features: bulk-memory, multivalue,
;; mutable-globals, nontrapping-fptoint, reference-types, sign-ext). index.html validates this
;; module before the app loads; tests/e2e/floor.test.mjs checks that its bytes there are these.
(module
  (memory 1)
  (global $g (mut i32) (i32.const 0))
  (export "g" (global $g))
  (table 1 externref)
  (func $pair (result i32 i32) (i32.const 1) (i32.const 2))
  (func $conv (param f32) (result i32) (i32.extend8_s (i32.trunc_sat_f32_s (local.get 0))))
  (func $bulk (memory.copy (i32.const 0) (i32.const 0) (i32.const 0)) (memory.fill (i32.const 0) (i32.const 0) (i32.const 0)))
  (func $ref (result externref) (table.get 0 (i32.const 0)))
  (export "pair" (func $pair))
  (export "conv" (func $conv))
  (export "bulk" (func $bulk))
  (export "ref" (func $ref))
)
