//! Names the code that derives the diaries' index from records: a hash of the sources of the
//! crates it comes from. The index kept between sessions is used only by a build with the same
//! name, so a build that derives it differently never reads an index made by another. Also keeps
//! the linker's relocations in the app's wasm, for scripts/split.mjs, and names the day of the
//! build (`DANGJIAN_BUILT`), the earliest date a PC clock can rightly read.

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
    // The day (UTC) this script last ran: never later than the build, so a PC clock reading a
    // day before it is certainly wrong (a dead CMOS battery sets 2000 or 2009).
    let days = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs() / 86_400);
    let (y, m, d) = civil_from_days(days as i64);
    println!("cargo:rustc-env=DANGJIAN_BUILT={y:04}-{m:02}-{d:02}");
}

/// Days since 1970-01-01 as a proleptic Gregorian date (H. Hinnant's `civil_from_days`).
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}
