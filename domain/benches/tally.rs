//! `cargo bench -p domain --bench tally`: JSON reading (the first pass, which checks the whole
//! document and finds each ballot), ballot checking (each ballot read and judged, one at a
//! time) and tallying timed apart, with the process's peak memory, on the sizes issue 4 names. Ballots are random but seeded, so every
//! run counts the same documents.

use domain::voting::{tally, Document};
use std::time::Instant;

struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n
    }
}

fn document(method: &str, candidates: usize, ballots: usize, seed: u64) -> String {
    let mut r = Rng(seed);
    let mut out = String::with_capacity(ballots * candidates * 12);
    let ids: Vec<String> = (0..candidates).map(|i| format!("\"c{i}\"")).collect();
    let scale = format!(
        "[{}]",
        domain::voting::round::FRENCH_SCALE
            .map(domain::voting::json::quote)
            .join(",")
    );
    out.push_str(&format!(
        "{{\"method\":\"{method}\",\"candidates\":[{}],\"grades\":{scale},\"ballots\":[",
        ids.join(",")
    ));
    let mut order: Vec<usize> = (0..candidates).collect();
    for b in 0..ballots {
        if b > 0 {
            out.push(',');
        }
        if method == "majority_judgment" {
            out.push_str("{\"grades\":{");
            for (i, id) in ids.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                let g = domain::voting::round::FRENCH_SCALE[r.below(7) as usize];
                out.push_str(&format!("{id}:\"{g}\""));
            }
            out.push_str("}}");
        } else {
            for i in (1..candidates).rev() {
                order.swap(i, r.below(i as u64 + 1) as usize);
            }
            out.push_str("{\"ranking\":[");
            let listed: Vec<&str> = order.iter().map(|i| ids[*i].as_str()).collect();
            out.push_str(&listed.join(","));
            out.push_str("]}");
        }
    }
    out.push_str("]}");
    out
}

/// Peak resident memory since the last reset, in MiB (Linux; 0 elsewhere).
fn peak_mib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse::<u64>().ok())
        })
        .map_or(0, |kib| kib / 1024)
}

fn reset_peak() {
    // "5" resets the peak resident size (Linux ≥ 4.0); harmless where unsupported.
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

fn main() {
    let quick = std::env::args().any(|a| a == "--quick");
    let cases: &[(&str, usize, usize)] = if quick {
        &[
            ("schulze", 20, 1_000),
            ("majority_judgment", 10, 10_000),
            ("borda", 10, 10_000),
        ]
    } else {
        &[
            ("schulze", 200, 10_000),
            ("schulze", 50, 100_000),
            ("majority_judgment", 50, 1_000_000),
            ("borda", 50, 1_000_000),
        ]
    };
    println!("| method | candidates × ballots | document | read JSON | check ballots | tally | peak memory |");
    println!("|---|---|---|---|---|---|---|");
    for &(method, m, n) in cases {
        let text = document(method, m, n, 42);
        reset_peak();
        let t0 = Instant::now();
        let (election, spans) = Document::read_spans(&text).expect("valid document");
        let t1 = Instant::now();
        let (valid, rejected) = election.ballots_in(&text, &spans);
        drop(spans);
        let t2 = Instant::now();
        let outcome = tally(&election, &valid, rejected);
        let t3 = Instant::now();
        assert_eq!(outcome.ballots_counted, n);
        println!(
            "| {method} | {m} × {n} | {} MB | {:.0} ms | {:.0} ms | {:.1} ms | {} MiB |",
            text.len() / 1_000_000,
            (t1 - t0).as_secs_f64() * 1e3,
            (t2 - t1).as_secs_f64() * 1e3,
            (t3 - t2).as_secs_f64() * 1e3,
            peak_mib()
        );
    }
}
