//! Names the code that derives the diaries' index from records: a hash of the sources of the
//! crates it comes from. The index kept between sessions is used only by a build with the same
//! name, so a build that derives it differently never reads an index made by another. Also keeps
//! the linker's relocations in the app's wasm, for scripts/split.mjs.

use std::path::{Path, PathBuf};

const SOURCES: [&str; 3] = ["crates/core/src", "crates/domain/src", "crates/store/src"];

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

fn main() {
    // scripts/split.mjs cuts the app's wasm at its #[lazy] functions by the linker's relocations:
    // kept in the app's own wasm (not its dependencies', not the spreadsheet worker's).
    if std::env::var("CARGO_CFG_TARGET_ARCH").as_deref() == Ok("wasm32") {
        println!("cargo:rustc-link-arg-bins=--emit-relocs");
    }
    let mut all = Vec::new();
    for dir in SOURCES {
        println!("cargo:rerun-if-changed={dir}");
        files(Path::new(dir), &mut all);
    }
    all.sort();
    // FNV-1a over each file's path and text.
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for path in &all {
        let text = std::fs::read(path).unwrap_or_default();
        for &b in path.to_string_lossy().as_bytes().iter().chain(&text) {
            hash = (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
    println!("cargo:rustc-env=DANGJIAN_INDEX_SOURCE={hash:016x}");
}
