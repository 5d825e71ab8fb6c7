// The multiaddr crate (the version libp2p pins) as an oracle: JSON lines in, one JSON line out per input.
//   in:  {"id":N,"kind":"bin","hex":"..."} | {"id":N,"kind":"text","text":"..."}
//   out: {"id":N,"ok":true,"text":<Display>,"hex":<to_vec>} | {"id":N,"ok":false,"error":<short reason>}
// bin goes through Multiaddr::try_from(Vec<u8>), text through str::parse. A panic inside the crate is caught and
// reported as {"ok":false,"error":"panic: ..."} so that one input cannot stop the run.
use std::io::{BufRead, Write};

use libp2p::Multiaddr;
use serde_json::{json, Value};

use crate::wire::{hex, unhex};

fn answer(line: &str) -> Value {
    let v: Value = match serde_json::from_str(line) {
        Ok(v) => v,
        Err(e) => return json!({ "id": null, "ok": false, "error": format!("bad input line: {e}") }),
    };
    let id = v.get("id").cloned().unwrap_or(Value::Null);
    let kind = v.get("kind").and_then(Value::as_str).unwrap_or("");
    let parsed: Result<Multiaddr, String> = match kind {
        "bin" => match v.get("hex").and_then(Value::as_str).and_then(unhex) {
            Some(b) => catch(move || Multiaddr::try_from(b).map_err(|e| e.to_string())),
            None => Err("bad input: hex".into()),
        },
        "text" => match v.get("text").and_then(Value::as_str) {
            Some(t) => {
                let t = t.to_owned();
                catch(move || t.parse::<Multiaddr>().map_err(|e| e.to_string()))
            }
            None => Err("bad input: text".into()),
        },
        _ => Err("bad input: kind".into()),
    };
    match parsed {
        Ok(a) => {
            let bytes = a.to_vec();
            match catch(move || Ok(a.to_string())) {
                Ok(text) => json!({ "id": id, "ok": true, "text": text, "hex": hex(&bytes) }),
                Err(e) => json!({ "id": id, "ok": false, "error": format!("display: {e}") }),
            }
        }
        Err(e) => json!({ "id": id, "ok": false, "error": e }),
    }
}

fn catch<T>(f: impl FnOnce() -> Result<T, String> + std::panic::UnwindSafe) -> Result<T, String> {
    match std::panic::catch_unwind(f) {
        Ok(r) => r,
        Err(p) => {
            let msg = p
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| p.downcast_ref::<String>().cloned())
                .unwrap_or_default();
            Err(format!("panic: {msg}"))
        }
    }
}

pub fn run() -> i32 {
    std::panic::set_hook(Box::new(|_| {}));
    let stdin = std::io::stdin();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    for line in stdin.lock().lines() {
        let Ok(line) = line else { return 1 };
        if line.trim().is_empty() {
            continue;
        }
        if writeln!(out, "{}", answer(&line)).is_err() {
            return 1;
        }
    }
    if out.flush().is_err() {
        return 1;
    }
    0
}
