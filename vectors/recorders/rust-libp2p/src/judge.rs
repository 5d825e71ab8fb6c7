// The live loopback judge against a stock rust-libp2p host. S runs stock Identify; R has no Identify behaviour:
// its /ipfs/id/1.0.0 and /ipfs/id/push/1.0.0 streams (libp2p-stream) carry bytes that `node
// vectors/interop/wire-peer.mjs` encodes, and what S sends R is judged by `wire-peer.mjs decode`. One line per
// check (PASS name | FAIL name: why), then "N passed, M failed". Run from the repository root after `npm run build`.
use std::{
    collections::VecDeque,
    sync::{Arc, Mutex},
    time::Duration,
};

use futures::{AsyncReadExt, AsyncWriteExt, StreamExt};
use libp2p::{
    core::{ConnectedPoint, PeerRecord},
    identify, Multiaddr, PeerId, StreamProtocol,
};
use serde_json::{json, Value};
use tokio::{io::AsyncWriteExt as _, process::Command, sync::mpsc};

use crate::{
    net::{Ev, Host, LoopbackOnly, Res},
    wire::{decoded_json, fixed_key, frames, hex, peer_record_json, unhex, Identify},
};

const ID: StreamProtocol = StreamProtocol::new("/ipfs/id/1.0.0");
const PUSH: StreamProtocol = StreamProtocol::new("/ipfs/id/push/1.0.0");
const S_EXTRA: &str = "/identify-wire/judge/s/1.0.0";
const R_EXTRA: &str = "/identify-wire/judge/r/1.0.0";
const WIRE_PEER: &str = "vectors/interop/wire-peer.mjs";

struct Checks {
    passed: usize,
    failed: usize,
}

impl Checks {
    fn check(&mut self, name: &str, r: Result<(), String>) {
        match r {
            Ok(()) => {
                self.passed += 1;
                println!("PASS {name}");
            }
            Err(why) => {
                self.failed += 1;
                println!("FAIL {name}: {}", why.replace('\n', " "));
            }
        }
    }
}

/// Runs wire-peer.mjs with `args`, feeding `input` on stdin; returns stdout.
async fn wire_peer(args: &[&str], input: &[u8]) -> Result<Vec<u8>, String> {
    let mut child = Command::new("node")
        .arg(WIRE_PEER)
        .args(args)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot start node {WIRE_PEER}: {e}"))?;
    let mut stdin = child.stdin.take().ok_or("no stdin")?;
    stdin.write_all(input).await.map_err(|e| e.to_string())?;
    drop(stdin);
    let out = child.wait_with_output().await.map_err(|e| e.to_string())?;
    if !out.status.success() {
        return Err(format!("wire-peer {args:?} exited {}: {}", out.status, String::from_utf8_lossy(&out.stderr)));
    }
    Ok(out.stdout)
}

async fn encode(msg: &Value, split: bool) -> Result<Vec<u8>, String> {
    let args: &[&str] = if split { &["encode", "--split"] } else { &["encode"] };
    wire_peer(args, msg.to_string().as_bytes()).await
}

async fn decode(bytes: &[u8], max: Option<usize>) -> Result<Value, String> {
    let m = max.map(|m| m.to_string());
    let mut args = vec!["decode"];
    if let Some(m) = &m {
        args.extend(["--max-size", m.as_str()]);
    }
    let out = wire_peer(&args, bytes).await?;
    serde_json::from_slice(&out).map_err(|e| format!("wire-peer decode printed no JSON: {e}"))
}

fn sorted(v: &Value) -> Vec<String> {
    let mut s: Vec<String> = v.as_array().map(|a| a.iter().filter_map(|x| x.as_str().map(String::from)).collect()).unwrap_or_default();
    s.sort();
    s
}

fn eq<T: PartialEq + std::fmt::Debug>(what: &str, got: T, want: T) -> Result<(), String> {
    if got == want {
        Ok(())
    } else {
        Err(format!("{what}: got {got:?}, want {want:?}"))
    }
}

/// Info S reported, in the wire-peer message shape (lists as S holds them).
fn info_value(i: &identify::Info) -> Value {
    json!({
        "publicKey": hex(&i.public_key.encode_protobuf()),
        "protocolVersion": i.protocol_version,
        "agentVersion": i.agent_version,
        "listenAddrs": i.listen_addrs.iter().map(|a| a.to_string()).collect::<Vec<_>>(),
        "observedAddr": i.observed_addr.to_string(),
        "protocols": i.protocols.iter().map(|p| p.to_string()).collect::<Vec<_>>(),
        "signedPeerRecord": i.signed_peer_record.clone().map(|e| hex(&e.into_protobuf_encoding())),
    })
}

/// What S says about itself, compared with identify-wire's decode of S's bytes (lists compared as sets: S sends
/// them from hash sets), and identify-wire's decode compared with prost's decode of the same bytes.
fn judge_from_s(wire: &Value, bytes: &[u8], want: &Value) -> Result<(), String> {
    if wire["ok"] != json!(true) {
        return Err(format!("identify-wire refused S's bytes: {wire}"));
    }
    let m = &wire["message"];
    for k in ["publicKey", "protocolVersion", "agentVersion", "observedAddr"] {
        if !want[k].is_null() {
            eq(k, &m[k], &want[k])?;
        }
    }
    eq("listenAddrs", sorted(&m["listenAddrs"]), sorted(&want["listenAddrs"]))?;
    eq("protocols", sorted(&m["protocols"]), sorted(&want["protocols"]))?;
    eq("frames", m["frames"].as_u64(), Some(1))?;
    // identify-wire and prost read the same fields, in the same order.
    let fr = frames(bytes)?;
    let p = <Identify as prost::Message>::decode(&fr[0].1[..]).map_err(|e| format!("prost: {e}"))?;
    let mut pj = decoded_json(&p);
    pj["frames"] = json!(1);
    eq("identify-wire decode vs prost decode", m, &pj)?;
    Ok(())
}

/// S's record as rust reads it: signed by S, holding every address S advertises (rust seals listen and external).
fn judge_record(m: &Value, s: PeerId, ext: &[Multiaddr]) -> Result<(), String> {
    let spr = m["signedPeerRecord"].as_str().ok_or("no signedPeerRecord")?;
    let r = peer_record_json(&unhex(spr).ok_or("bad hex")?)?;
    eq("record peer id", r["peerId"].as_str(), Some(s.to_string().as_str()))?;
    eq("record addrs", sorted(&r["addrs"]), ext.iter().map(|a| a.to_string()).collect::<Vec<_>>())?;
    Ok(())
}

/// checkIdentify on S's bytes: ok with S's peer id from the publicKey; rust's legacy routing-state record listed as
/// RECORD_PAYLOAD_TYPE and ignored (as go-libp2p ignores it); the addresses are S's listenAddrs.
fn judge_verdict(wire: &Value, s: PeerId) -> Result<(), String> {
    let v = &wire["verdict"];
    eq("verdict ok", &v["ok"], &json!(true))?;
    eq("verdict peerId", v["peerId"].as_str(), Some(s.to_string().as_str()))?;
    eq("verdict addrSource", &v["addrSource"], &json!("listenAddrs"))?;
    eq("verdict problems", &v["problems"], &json!(["RECORD_PAYLOAD_TYPE"]))?;
    if !v["recordIgnored"].as_str().is_some_and(|t| t.contains("routing-state")) {
        return Err(format!("verdict recordIgnored: {}", v["recordIgnored"]));
    }
    Ok(())
}

/// The Info S should hold after our message `m` (rust semantics: a valid legacy record replaces listenAddrs).
fn expect_info(m: &Value, record_addrs: Option<&[String]>) -> Value {
    json!({
        "publicKey": m["publicKey"],
        "protocolVersion": m["protocolVersion"],
        "agentVersion": m["agentVersion"],
        "listenAddrs": record_addrs.map(|a| json!(a)).unwrap_or_else(|| m["listenAddrs"].clone()),
        "observedAddr": m["observedAddr"],
        "protocols": m["protocols"],
        "signedPeerRecord": if record_addrs.is_some() { m["signedPeerRecord"].clone() } else { Value::Null },
    })
}

async fn s_outcome(s: &mut Host, r: PeerId) -> Res<Result<identify::Info, String>> {
    s.wait(20, "S's identify outcome for R", |e| match e {
        Ev::Received { peer, info } if *peer == r => Some(Ok(info.clone())),
        Ev::IdentifyError { peer, error } if *peer == r => Some(Err(error.clone())),
        _ => None,
    })
    .await
}

async fn reconnect(r: &mut Host, s: &mut Host) -> Res<()> {
    let sp = s.peer;
    let rp = r.peer;
    let connected = r.exec(move |sw| sw.is_connected(&sp)).await?;
    if connected {
        r.exec(move |sw| sw.disconnect_peer_id(sp).map_err(|_| ())).await?.ok();
        r.wait(10, "R's connection closed", |e| matches!(e, Ev::Closed { peer } if *peer == sp).then_some(())).await?;
        s.wait(10, "S's connection closed", |e| matches!(e, Ev::Closed { peer } if *peer == rp).then_some(())).await?;
    }
    r.dial(s.addr("/tcp/")?).await?;
    Ok(())
}

fn pad_protocols(prefix: &str, count: usize, len: usize) -> Vec<String> {
    (0..count)
        .map(|i| {
            let mut p = format!("{prefix}/{i:03}/");
            while p.len() < len {
                p.push('x');
            }
            p
        })
        .collect()
}

pub async fn run() -> i32 {
    let mut c = Checks { passed: 0, failed: 0 };
    if let Err(e) = judge(&mut c).await {
        c.check("judge setup", Err(e.to_string()));
    }
    println!("{} passed, {} failed", c.passed, c.failed);
    if c.failed == 0 {
        0
    } else {
        1
    }
}

/// The loopback guard, called directly (no packet is sent): every non-loopback address is refused.
fn guard_check() -> Result<(), String> {
    use libp2p::{
        core::{transport::PortUse, Endpoint},
        swarm::{ConnectionId, NetworkBehaviour},
    };
    let mut g = LoopbackOnly;
    let id = ConnectionId::new_unchecked(0);
    let peer = PeerId::random();
    for a in ["/ip4/192.0.2.1/tcp/1", "/ip4/10.0.0.1/tcp/1", "/ip6/2001:db8::1/tcp/1", "/dns4/localhost/tcp/1", "/ip4/0.0.0.0/tcp/1"] {
        let a: Multiaddr = a.parse().map_err(|e| format!("{e}"))?;
        if g.handle_pending_outbound_connection(id, None, std::slice::from_ref(&a), Endpoint::Dialer).is_ok() {
            return Err(format!("dial to {a} allowed"));
        }
        if g.handle_established_outbound_connection(id, peer, &a, Endpoint::Dialer, PortUse::New).is_ok() {
            return Err(format!("connection to {a} allowed"));
        }
    }
    for a in ["/ip4/127.0.0.1/tcp/1", "/ip4/127.1.2.3/udp/1/quic-v1", "/ip6/::1/tcp/1/ws"] {
        let a: Multiaddr = a.parse().map_err(|e| format!("{e}"))?;
        if g.handle_pending_outbound_connection(id, None, std::slice::from_ref(&a), Endpoint::Dialer).is_err() {
            return Err(format!("loopback dial to {a} refused"));
        }
    }
    Ok(())
}

async fn judge(c: &mut Checks) -> Res<()> {
    c.check("guard: the hosts refuse every dial and connection that is not 127.0.0.0/8 or ::1", guard_check());
    // S: stock rust-libp2p with a signed peer record (its tcp address is its external address).
    let ks = fixed_key("ed25519", 10)?;
    let s_cfg = identify::Config::new_with_signed_peer_record("ipfs/0.1.0".into(), &ks);
    let s_agent = s_cfg.agent_version().to_string();
    let s_pv = s_cfg.protocol_version().to_string();
    let mut s = Host::start(ks.clone(), Some(s_cfg), &["/ip4/127.0.0.1/tcp/0"]).await?;
    let s_ext = vec![s.addr("/tcp/")?];
    let e2 = s_ext.clone();
    s.exec(move |sw| e2.into_iter().for_each(|a| sw.add_external_address(a))).await?;
    let _s_extra = s.control.accept(StreamProtocol::new(S_EXTRA)).map_err(|e| e.to_string())?;

    // R: no Identify behaviour; its Identify streams go through wire-peer.mjs.
    let kr = fixed_key("ed25519", 11)?;
    let mut r = Host::start(kr.clone(), None, &["/ip4/127.0.0.1/tcp/0"]).await?;
    let r_pub = hex(&kr.public().encode_protobuf());
    let r_addr = r.addr("/tcp/")?;
    let answers: Arc<Mutex<VecDeque<Vec<u8>>>> = Arc::default();
    let mut id_in = r.control.accept(ID).map_err(|e| e.to_string())?;
    let q = answers.clone();
    tokio::spawn(async move {
        while let Some((_, mut st)) = id_in.next().await {
            let next = q.lock().unwrap().pop_front();
            tokio::spawn(async move {
                if let Some(b) = next {
                    let _ = st.write_all(&b).await;
                }
                let _ = st.close().await;
            });
        }
    });
    let mut push_in = r.control.accept(PUSH).map_err(|e| e.to_string())?;
    let (ptx, mut prx) = mpsc::unbounded_channel::<Vec<u8>>();
    tokio::spawn(async move {
        while let Some((_, mut st)) = push_in.next().await {
            let tx = ptx.clone();
            tokio::spawn(async move {
                let mut b = vec![];
                let _ = tokio::time::timeout(Duration::from_secs(10), st.read_to_end(&mut b)).await;
                let _ = tx.send(b);
            });
        }
    });
    let _r_extra = r.control.accept(StreamProtocol::new(R_EXTRA)).map_err(|e| e.to_string())?;

    // Our messages. S's address as R sees it is the address R dials.
    let observed = s.addr("/tcp/")?.to_string();
    let listen = vec![r_addr.to_string(), "/ip4/127.0.0.1/udp/4001/quic-v1".into(), "/ip6/::1/tcp/4002/ws".into()];
    let listen_addrs: Vec<Multiaddr> = listen.iter().map(|a| a.parse()).collect::<Result<_, _>>()?;
    let legacy = hex(&PeerRecord::new(&kr, listen_addrs.clone())?.into_signed_envelope().into_protobuf_encoding());
    let standard = hex(&PeerRecord::new_interop(&kr, listen_addrs)?.into_signed_envelope().into_protobuf_encoding());
    let protocols = vec![ID.to_string(), PUSH.to_string(), R_EXTRA.to_string()];
    let base = json!({
        "protocolVersion": "ipfs/0.1.0",
        "agentVersion": "identify-wire-judge/0.1 (rust relay)",
        "publicKey": r_pub,
        "listenAddrs": listen,
        "observedAddr": observed,
        "protocols": protocols,
    });
    let mut m_legacy = base.clone();
    m_legacy["signedPeerRecord"] = json!(legacy);
    let mut m_standard = base.clone();
    m_standard["signedPeerRecord"] = json!(standard);
    let mut m_big = base.clone();
    let mut big_protocols = protocols.clone();
    big_protocols.extend(pad_protocols("/identify-wire/judge/big", 40, 60));
    m_big["protocols"] = json!(big_protocols);
    let sized = |body_target: usize| {
        // One frame whose body is over body_target bytes: protocols of 100 bytes.
        let mut m = base.clone();
        let mut p = protocols.clone();
        p.extend(pad_protocols("/identify-wire/judge/huge", body_target / 102 + 1, 100));
        m["protocols"] = json!(p);
        m
    };
    let m_4097 = sized(4097);
    let m_8193 = sized(8193);

    let plan: Vec<(&str, Vec<u8>)> = vec![
        ("legacy", encode(&m_legacy, false).await?),
        ("standard", encode(&m_standard, false).await?),
        ("big-one", encode(&m_big, false).await?),
        ("big-split", encode(&m_big, true).await?),
        ("over-4096", encode(&m_4097, false).await?),
        ("over-8192", encode(&m_8193, false).await?),
    ];
    let body_len = |b: &[u8]| frames(b).map(|f| f.iter().map(|x| x.1.len()).collect::<Vec<_>>()).unwrap_or_default();

    // 1. R -> S identify, one frame, signed peer record in rust's own (legacy) envelope.
    answers.lock().unwrap().push_back(plan[0].1.clone());
    r.dial(s.addr("/tcp/")?).await?;
    let rp = r.peer;
    let got = s_outcome(&mut s, rp).await?;
    let legacy_addrs: Vec<String> = base["listenAddrs"].as_array().unwrap().iter().map(|a| a.as_str().unwrap().to_string()).collect();
    c.check(
        "identify R->S one frame, rust-format signed peer record: S's Info holds exactly our fields and our record",
        got.map_err(|e| format!("S refused: {e}")).and_then(|i| eq("Info", info_value(&i), expect_info(&m_legacy, Some(&legacy_addrs)))),
    );

    // 2. S -> R identify: R asks, identify-wire decodes.
    let sp = s.peer;
    let seen_by_s = s
        .history
        .iter()
        .find_map(|e| match e {
            Ev::Connected { peer, endpoint: ConnectedPoint::Listener { send_back_addr, .. } } if *peer == rp => Some(send_back_addr.to_string()),
            _ => None,
        })
        .ok_or("S saw no connection from R")?;
    let mut ctl = r.control.clone();
    let bytes = async {
        let mut st = ctl.open_stream(sp, ID).await.map_err(|e| e.to_string())?;
        let mut b = vec![];
        tokio::time::timeout(Duration::from_secs(10), st.read_to_end(&mut b)).await.map_err(|_| "timeout")?.map_err(|e| e.to_string())?;
        Ok::<_, String>(b)
    }
    .await;
    let mut s_protocols = vec![ID.to_string(), PUSH.to_string(), S_EXTRA.to_string()];
    s_protocols.sort();
    let s_says = json!({
        "publicKey": hex(&ks.public().encode_protobuf()),
        "protocolVersion": s_pv,
        "agentVersion": s_agent,
        "listenAddrs": s.listen.iter().chain(s_ext.iter()).map(|a| a.to_string()).collect::<std::collections::BTreeSet<_>>(),
        "observedAddr": seen_by_s,
        "protocols": s_protocols,
    });
    let mut s_advertised: Vec<Multiaddr> = s.listen.iter().chain(s_ext.iter()).cloned().collect();
    s_advertised.sort_by_key(|a| a.to_string());
    s_advertised.dedup();
    match bytes {
        Ok(b) => {
            let w = decode(&b, None).await;
            c.check(
                "identify S->R: identify-wire's decode of S's bytes equals what S says about itself and prost's decode",
                w.clone().and_then(|w| judge_from_s(&w, &b, &s_says)),
            );
            c.check(
                "identify S->R: S's signed peer record (read by rust) is S's, with every address S advertises",
                w.clone().and_then(|w| judge_record(&w["message"], sp, &s_advertised)),
            );
            c.check(
                "identify S->R: identify-wire's checkIdentify trusts S by its key, ignores S's routing-state record and takes its listen addresses",
                w.and_then(|w| judge_verdict(&w, sp)),
            );
        }
        Err(e) => c.check("identify S->R", Err(e)),
    }

    // 3. S -> R push: S's Pushed event is what S says it sent.
    s.exec(move |sw| sw.behaviour_mut().identify.as_mut().map(|i| i.push([rp]))).await?;
    let pushed = s.wait(10, "S's Pushed event", |e| match e {
        Ev::Pushed { peer, info } if *peer == rp => Some(info.clone()),
        _ => None,
    });
    let pushed = pushed.await;
    let got = tokio::time::timeout(Duration::from_secs(10), prx.recv()).await.ok().flatten();
    match (pushed, got) {
        (Ok(info), Some(b)) => {
            let mut want = info_value(&info);
            want["observedAddr"] = json!(seen_by_s);
            let w = decode(&b, None).await;
            c.check("push S->R: identify-wire's decode of S's push equals S's Pushed info and prost's decode", w.and_then(|w| judge_from_s(&w, &b, &want)));
        }
        (p, g) => c.check("push S->R", Err(format!("S pushed: {:?}, R got bytes: {}", p.map(|_| ()), g.is_some()))),
    }

    // 4. R -> S push, one frame: new protocol list and listen addresses, same key; S merges it.
    let mut m_push = json!({
        "listenAddrs": ["/ip4/127.0.0.1/tcp/4100", "/ip4/127.0.0.1/udp/4101/quic-v1"],
        "protocols": [ID.to_string(), PUSH.to_string(), R_EXTRA, "/identify-wire/judge/r/added/1.0.0"],
    });
    m_push["agentVersion"] = json!("identify-wire-judge/0.2 (rust relay, pushed)");
    let push_bytes = encode(&m_push, false).await?;
    let res = async {
        let mut st = r.control.clone().open_stream(sp, PUSH).await.map_err(|e| e.to_string())?;
        st.write_all(&push_bytes).await.map_err(|e| e.to_string())?;
        st.close().await.map_err(|e| e.to_string())?;
        Ok::<_, String>(())
    }
    .await;
    let got = match res {
        Ok(()) => s_outcome(&mut s, rp).await?,
        Err(e) => Err(e),
    };
    let mut want = expect_info(&m_legacy, Some(&legacy_addrs));
    want["listenAddrs"] = m_push["listenAddrs"].clone();
    want["protocols"] = m_push["protocols"].clone();
    want["agentVersion"] = m_push["agentVersion"].clone();
    c.check(
        "push R->S one frame: S merged exactly our pushed protocols, listen addrs and agent version",
        got.map_err(|e| format!("S refused: {e}")).and_then(|i| eq("Info", info_value(&i), want)),
    );

    // 5. R -> S identify with a standard (libp2p-peer-record, 0x0301) envelope: rust-libp2p verifies records only in
    // its legacy envelope, so S drops the record and keeps the listenAddrs field.
    answers.lock().unwrap().push_back(plan[1].1.clone());
    reconnect(&mut r, &mut s).await?;
    let got = s_outcome(&mut s, rp).await?;
    c.check(
        "identify R->S one frame, standard signed peer record: S keeps our fields, ignores the record (rust reads legacy envelopes only)",
        got.map_err(|e| format!("S refused: {e}")).and_then(|i| eq("Info", info_value(&i), expect_info(&m_standard, None))),
    );

    // 6. A message over 2 KB: one frame is taken whole; the multi-frame split loses what is past frame 1.
    answers.lock().unwrap().push_back(plan[2].1.clone());
    reconnect(&mut r, &mut s).await?;
    let got = s_outcome(&mut s, rp).await?;
    c.check(
        &format!("identify R->S one frame over 2 KB (body {:?}): S's Info holds exactly our fields", body_len(&plan[2].1)),
        got.map_err(|e| format!("S refused: {e}")).and_then(|i| eq("Info", info_value(&i), expect_info(&m_big, None))),
    );
    let split = &plan[3].1;
    let first = frames(split)?.into_iter().next().ok_or("no frame")?.1;
    let first_msg = decoded_json(&<Identify as prost::Message>::decode(&first[..])?);
    let mut want_first = expect_info(&first_msg, None);
    // rust fills what frame 1 lacks with defaults.
    for (k, d) in [("protocolVersion", json!("")), ("agentVersion", json!("")), ("observedAddr", json!(""))] {
        if want_first[k].is_null() {
            want_first[k] = d;
        }
    }
    answers.lock().unwrap().push_back(split.clone());
    reconnect(&mut r, &mut s).await?;
    let got = s_outcome(&mut s, rp).await?;
    let whole = expect_info(&m_big, None);
    c.check(
        &format!(
            "identify R->S multi-frame split (frames {:?}): rust-libp2p reads one frame per stream, so S holds frame 1 only",
            body_len(split)
        ),
        got.map_err(|e| format!("S refused: {e}")).and_then(|i| {
            let v = info_value(&i);
            if v == whole {
                return Err("S merged every frame (rust-libp2p now reads past frame 1: update this check)".into());
            }
            eq("Info", v, want_first)
        }),
    );

    // 7. Over S's limit (4096-byte body): S refuses; identify-wire at the same limit refuses too; its default
    // (8192) takes it. Over both limits: both refuse by default.
    for (i, name) in [(4, "4096"), (5, "8192")] {
        let b = &plan[i].1;
        answers.lock().unwrap().push_back(b.clone());
        reconnect(&mut r, &mut s).await?;
        let got = s_outcome(&mut s, rp).await?;
        let body = body_len(b);
        let ours_default = decode(b, None).await?;
        let ours_4096 = decode(b, Some(4096)).await?;
        c.check(
            &format!("identify R->S body {body:?} (over {name}): S refuses it"),
            match got {
                Err(e) if e.contains("exceeds maximum") => Ok(()),
                Err(e) => Err(format!("S refused for another reason: {e}")),
                Ok(_) => Err("S accepted it".into()),
            },
        );
        c.check(
            &format!("identify R->S body {body:?}: identify-wire with rust's limit (--max-size 4096) refuses it alike"),
            eq("code", ours_4096["code"].as_str(), Some("MESSAGE_TOO_LARGE")),
        );
        if name == "8192" {
            c.check(
                &format!("identify R->S body {body:?}: identify-wire's default reader refuses it alike"),
                eq("code", ours_default["code"].as_str(), Some("MESSAGE_TOO_LARGE")),
            );
        } else {
            // A documented difference, not a failure: identify-wire's default limit is js-libp2p's 8192.
            println!("NOTE body {body:?} over rust's 4096: identify-wire's default reader says ok={} (default limit 8192)", ours_default["ok"]);
        }
    }

    // 8. S -> R over the limit: S's stock sender does not check its own limit; identify-wire's default reader
    // refuses what S sends once the body passes 8192 bytes.
    let handles: Vec<_> = pad_protocols("/identify-wire/judge/s-huge", 85, 100)
        .into_iter()
        .map(|p| s.control.accept(StreamProtocol::try_from_owned(p).unwrap()))
        .collect();
    reconnect(&mut r, &mut s).await?;
    let _ = s_outcome(&mut s, rp).await;
    let mut ctl = r.control.clone();
    let bytes = async {
        let mut st = ctl.open_stream(sp, ID).await.map_err(|e| e.to_string())?;
        let mut b = vec![];
        tokio::time::timeout(Duration::from_secs(10), st.read_to_end(&mut b)).await.map_err(|_| "timeout")?.map_err(|e| e.to_string())?;
        Ok::<_, String>(b)
    }
    .await;
    let verdict = match bytes {
        Ok(b) => {
            let body = body_len(&b);
            if body.first().copied().unwrap_or(0) <= 8192 {
                Err(format!("S's body is only {body:?}"))
            } else {
                let w = decode(&b, None).await?;
                eq("identify-wire default decode code", w["code"].as_str(), Some("MESSAGE_TOO_LARGE"))
                    .map_err(|e| format!("body {body:?}: {e}"))
            }
        }
        Err(e) => Err(e),
    };
    c.check("identify S->R body over 8192: S sends it (no sender-side limit) and identify-wire's default reader refuses it", verdict);
    drop(handles);
    Ok(())
}
