// Records what rust-libp2p's stock Identify behaviour writes on /ipfs/id/1.0.0 and /ipfs/id/push/1.0.0 between two
// loopback hosts: sender A (the key type under test) and receiver B (ed25519, stock Identify too). The bytes come
// from A's substream tap (after multistream-select) and must equal what B's tap read; the sidecar holds what prost
// (rust-libp2p's protobuf decoder) reads from them and what B's Identify behaviour reported (identify::Info).
use std::time::Duration;

use libp2p::{identify, identity::Keypair, Multiaddr, PeerId, StreamProtocol};
use serde_json::{json, Map, Value};

use crate::{
    net::{Ev, Host, Res},
    wire::{decoded_json, fixed_key, frames, hex, key_type_name, peer_record_json, sha256, Identify},
};

const ID: &str = "/ipfs/id/1.0.0";
const PUSH: &str = "/ipfs/id/push/1.0.0";
const PROTOCOL_VERSION: &str = "ipfs/0.1.0";
const VERSION: &str = "libp2p 0.57.1 (libp2p-identify 0.48.0, libp2p-core 0.44.0, multiaddr 0.19.1, prost 0.14.6)";
const A_LISTEN: [&str; 3] = ["/ip4/127.0.0.1/tcp/0", "/ip4/127.0.0.1/udp/0/quic-v1", "/ip4/127.0.0.1/tcp/0/ws"];
const KEEP: &str = "/identify-wire/recorder/keep/1.0.0";
const ADDED: &str = "/identify-wire/recorder/added/1.0.0";

struct Rec {
    name: String,
    protocol: &'static str,
    scenario: String,
    sender: Keypair,
    bin: Vec<u8>,
    peerstore: Value,
    refused: Option<Value>,
}

fn config(key: &Keypair, signed: bool, push_addrs: bool) -> identify::Config {
    let c = if signed {
        identify::Config::new_with_signed_peer_record(PROTOCOL_VERSION.into(), key)
    } else {
        identify::Config::new(PROTOCOL_VERSION.into(), key.public())
    };
    c.with_push_listen_addr_updates(push_addrs)
}

async fn receiver() -> Res<Host> {
    let kb = fixed_key("ed25519", 200)?;
    let cfg = config(&kb, false, false);
    Host::start(kb, Some(cfg), &["/ip4/127.0.0.1/tcp/0"]).await
}

fn info_json(info: &identify::Info) -> Value {
    json!({
        "peerId": info.public_key.to_peer_id().to_string(),
        "publicKey": hex(&info.public_key.encode_protobuf()),
        "protocolVersion": info.protocol_version,
        "agentVersion": info.agent_version,
        "listenAddrs": info.listen_addrs.iter().map(|a| a.to_string()).collect::<Vec<_>>(),
        "observedAddr": info.observed_addr.to_string(),
        "protocols": info.protocols.iter().map(|p| p.to_string()).collect::<Vec<_>>(),
        "signedPeerRecord": info.signed_peer_record.clone().map(|e| hex(&e.into_protobuf_encoding())),
    })
}

fn candidates(h: &Host) -> Vec<String> {
    h.history
        .iter()
        .filter_map(|e| if let Ev::ExternalAddrCandidate(a) = e { Some(a.to_string()) } else { None })
        .collect()
}

/// The n-th stream A opened (outbound) or answered (inbound) with B on `protocol`: A's written application bytes,
/// checked against what B's tap read on the same stream (equal, or a prefix of it when B refused the message).
fn capture(a: &Host, b: &Host, protocol: &str, a_outbound: bool, n: usize, complete: bool) -> Res<Vec<u8>> {
    let sent: Vec<_> = a
        .tap
        .app_bytes(b.peer, protocol)
        .into_iter()
        .filter(|(o, _, w)| *o == a_outbound && !w.is_empty())
        .collect();
    let got: Vec<_> = b
        .tap
        .app_bytes(a.peer, protocol)
        .into_iter()
        .filter(|(o, r, _)| *o != a_outbound && !r.is_empty())
        .collect();
    let w = sent.get(n).ok_or_else(|| format!("no {protocol} stream #{n} written by A (found {})", sent.len()))?.2.clone();
    let r = &got.get(n).ok_or_else(|| format!("no {protocol} stream #{n} read by B (found {})", got.len()))?.1;
    if complete && *r != w {
        return Err(format!("{protocol}: B read {} bytes, A wrote {}: not the same bytes", r.len(), w.len()).into());
    }
    if !w.starts_with(r) {
        return Err(format!("{protocol}: what B read is not a prefix of what A wrote").into());
    }
    Ok(w)
}

async fn settle() {
    tokio::time::sleep(Duration::from_millis(300)).await;
}

async fn received_from(b: &mut Host, a: PeerId, what: &str) -> Res<identify::Info> {
    b.wait(20, what, |e| match e {
        Ev::Received { peer, info } if *peer == a => Some(info.clone()),
        _ => None,
    })
    .await
}

/// A (key `kind`) answers B's identify request on a connection B dialed over `transport`.
async fn identify_once(name: &str, kind: &str, transport: &str, signed: bool, scenario: &str) -> Res<Rec> {
    let ka = fixed_key(kind, 1)?;
    let a = Host::start(ka.clone(), Some(config(&ka, signed, false)), &A_LISTEN).await?;
    let mut b = receiver().await?;
    b.dial(a.addr(transport)?).await?;
    let info = received_from(&mut b, a.peer, "B receiving A's identify").await?;
    settle().await;
    b.drain();
    let bin = capture(&a, &b, ID, false, 0, true)?;
    let mut peerstore = info_json(&info);
    peerstore["externalAddrCandidates"] = json!(candidates(&b));
    Ok(Rec {
        name: name.into(),
        protocol: ID,
        scenario: format!("{scenario} A listens on {}; B dialed {}.", list(&a.listen), a.addr(transport)?),
        sender: ka,
        bin,
        peerstore,
        refused: None,
    })
}

/// A advertises external addresses of many kinds (documentation ranges and example.com names: nothing dials them)
/// next to its loopback listeners, so rust's multiaddr encoder writes every value kind into listenAddrs and the
/// record. The last one ends in another peer's /p2p/ id, which rust's receiver drops.
async fn identify_external() -> Res<Rec> {
    let ka = fixed_key("ed25519", 4)?;
    let other = fixed_key("ed25519", 5)?.public().to_peer_id();
    let relay = fixed_key("ed25519", 6)?.public().to_peer_id();
    let external: Vec<Multiaddr> = [
        "/ip4/192.0.2.10/tcp/4001".to_string(),
        "/ip6/2001:db8::10/udp/4001/quic-v1".into(),
        "/ip6/2001:db8::10/udp/4001/quic-v1/webtransport/certhash/uEiDDq4_xNyDorZBH3TlGazyJdOWSwvo4PUo5YHFMrvDE6g".into(),
        "/ip4/192.0.2.10/udp/4002/webrtc-direct/certhash/uEiDDq4_xNyDorZBH3TlGazyJdOWSwvo4PUo5YHFMrvDE6g".into(),
        "/dns4/node.example.com/tcp/443/wss".into(),
        "/dns6/node.example.com/tcp/443/tls/sni/node.example.com/ws".into(),
        "/dnsaddr/example.com".into(),
        format!("/ip4/198.51.100.7/tcp/4001/p2p/{relay}/p2p-circuit"),
        "/ip4/192.0.2.10/tcp/8080/http/http-path/a%2Fb".into(),
        "/onion3/vww6ybal4bd7szmgncyruucpgfkqahzddi37ktceo3ah7ngmcopnpyyd:1234".into(),
        "/ip6zone/eth0/ip6/fe80::1/tcp/4001".into(),
        "/memory/42".into(),
        format!("/ip4/198.51.100.8/tcp/4001/p2p/{other}"),
    ]
    .iter()
    .map(|a| a.parse())
    .collect::<Result<_, _>>()?;
    let a = Host::start(ka.clone(), Some(config(&ka, true, false)), &["/ip4/127.0.0.1/tcp/0", "/ip6/::1/tcp/0"]).await?;
    let ext = external.clone();
    a.exec(move |s| ext.into_iter().for_each(|x| s.add_external_address(x))).await?;
    let mut b = receiver().await?;
    b.dial(a.addr("/ip6/")?).await?;
    let info = received_from(&mut b, a.peer, "B receiving A's identify").await?;
    settle().await;
    b.drain();
    let bin = capture(&a, &b, ID, false, 0, true)?;
    let mut peerstore = info_json(&info);
    peerstore["externalAddrCandidates"] = json!(candidates(&b));
    Ok(Rec {
        name: "identify-external-addrs-ed25519".into(),
        protocol: ID,
        scenario: format!("identify::Config::new_with_signed_peer_record. A listens on {} and has {} external addresses added with Swarm::add_external_address (documentation ranges and example.com names, never dialed): {}. B dialed A's ip6 tcp address, so A observed B's ip6 address. The last external address ends in another peer's /p2p/ id: rust's receiver drops it.", list(&a.listen), external.len(), list(&external)),
        sender: ka,
        bin,
        peerstore,
        refused: None,
    })
}

fn list(v: &[Multiaddr]) -> String {
    v.iter().map(|a| a.to_string()).collect::<Vec<_>>().join(", ")
}

/// A pushes to B after it adds a protocol, after it removes one, and after it gains a listen address.
async fn pushes() -> Res<Vec<Rec>> {
    let ka = fixed_key("ed25519", 2)?;
    let a = Host::start(ka.clone(), Some(config(&ka, true, true)), &A_LISTEN[..1]).await?;
    let mut a = a;
    let keep = a.control.accept(StreamProtocol::new(KEEP)).map_err(|e| e.to_string())?;
    let mut b = receiver().await?;
    b.dial(a.addr("/tcp/")?).await?;
    received_from(&mut b, a.peer, "B receiving A's identify").await?;
    let bp = b.peer;
    a.wait(20, "A answering B's identify", |e| matches!(e, Ev::Sent { peer } if *peer == bp).then_some(())).await?;
    let mut out = vec![];
    let nudge = |b: &Host, p: &'static str, peer: PeerId| {
        // libp2p-stream does not wake the connection when its protocol set changes; a stream from B makes A's
        // connection run, notice the change and push.
        let mut c = b.control.clone();
        async move {
            let _ = tokio::time::timeout(Duration::from_secs(2), c.open_stream(peer, StreamProtocol::new(p))).await;
        }
    };

    // 1. A protocol added.
    let added = a.control.accept(StreamProtocol::new(ADDED)).map_err(|e| e.to_string())?;
    let n = nudge(&b, KEEP, a.peer);
    tokio::spawn(n);
    let info = received_from(&mut b, a.peer, "B receiving A's push after a protocol was added").await?;
    settle().await;
    b.drain();
    a.drain();
    out.push(push_rec(&a, &b, 0, "push-protocol-added-ed25519", &format!("A (signed peer record on, push_listen_addr_updates on, listening on {}) is connected to B and has exchanged identify; then A starts accepting {ADDED} through libp2p-stream. The protocol change makes A's stock Identify push to B.", list(&a.listen)), &info)?);

    // 2. A protocol removed: dropping the handle closes it; libp2p-stream forgets closed protocols on its next
    // accept() call, which here fails with AlreadyRegistered for KEEP and changes nothing else.
    drop(added);
    let again = a.control.accept(StreamProtocol::new(KEEP));
    if again.is_ok() {
        return Err("accept(KEEP) was expected to fail with AlreadyRegistered".into());
    }
    let n = nudge(&b, KEEP, a.peer);
    tokio::spawn(n);
    let info = received_from(&mut b, a.peer, "B receiving A's push after a protocol was removed").await?;
    settle().await;
    b.drain();
    out.push(push_rec(&a, &b, 1, "push-protocol-removed-ed25519", &format!("Continues push-protocol-added: A drops its {ADDED} handler, the protocol leaves A's supported set and A's stock Identify pushes to B."), &info)?);

    // 3. A new listen address (push_listen_addr_updates).
    let l: Multiaddr = "/ip4/127.0.0.1/tcp/0".parse()?;
    a.exec(move |s| s.listen_on(l).map(|_| ())).await??;
    let new = a.wait(10, "A's new listener", |e| if let Ev::Listening(x) = e { Some(x.clone()) } else { None }).await?;
    let info = received_from(&mut b, a.peer, "B receiving A's push after a new listen address").await?;
    settle().await;
    b.drain();
    out.push(push_rec(&a, &b, 2, "push-new-listen-addr-ed25519", &format!("Continues push-protocol-removed: A starts listening on {new}; with push_listen_addr_updates A's stock Identify pushes to B, with a new signed peer record."), &info)?);
    drop(keep);
    Ok(out)
}

fn push_rec(a: &Host, b: &Host, n: usize, name: &str, scenario: &str, info: &identify::Info) -> Res<Rec> {
    let bin = capture(a, b, PUSH, true, n, true)?;
    let mut peerstore = info_json(info);
    peerstore["note"] = json!("identify::Info after B merged the push into what it knew (PushInfo has no signed peer record field)");
    Ok(Rec {
        name: name.into(),
        protocol: PUSH,
        scenario: scenario.into(),
        sender: a.key.clone(),
        bin,
        peerstore,
        refused: None,
    })
}

/// Names that add exactly `need` bytes of protocols field to the body (each name below 128 bytes costs len + 2).
fn pads(need: usize) -> Vec<String> {
    let name = |i: usize, len: usize| {
        let mut s = format!("/identify-wire/pad/{i:03}/");
        while s.len() < len {
            s.push('x');
        }
        s
    };
    let (mut n, r) = (need / 102, need % 102);
    let mut out = vec![];
    let last = if r == 0 {
        None
    } else if r >= 26 {
        Some(r - 2)
    } else {
        n -= 1;
        Some(100 + r)
    };
    for i in 0..n {
        out.push(name(i, 100));
    }
    if let Some(l) = last {
        out.push(name(n, l));
    }
    out
}

/// A advertises enough extra protocols that its body is exactly `body` bytes (0: none added).
async fn large(body: usize, overhead: usize) -> Res<(Rec, usize)> {
    let ka = fixed_key("ed25519", 3)?;
    let mut a = Host::start(ka.clone(), Some(config(&ka, false, false)), &A_LISTEN[..1]).await?;
    let names = if body == 0 { vec![] } else { pads(body - overhead) };
    let mut handles = vec![];
    for p in &names {
        handles.push(a.control.accept(StreamProtocol::try_from_owned(p.clone())?).map_err(|e| e.to_string())?);
    }
    let mut b = receiver().await?;
    b.dial(a.addr("/tcp/")?).await?;
    let ap = a.peer;
    let outcome = b
        .wait(20, "B's identify outcome", |e| match e {
            Ev::Received { peer, info } if *peer == ap => Some(Ok(info.clone())),
            Ev::IdentifyError { peer, error } if *peer == ap => Some(Err(error.clone())),
            _ => None,
        })
        .await?;
    let bp = b.peer;
    a.wait(20, "A answering B", |e| matches!(e, Ev::Sent { peer } if *peer == bp).then_some(())).await?;
    settle().await;
    b.drain();
    let bin = capture(&a, &b, ID, false, 0, outcome.is_ok())?;
    let got = frames(&bin)?.first().map(|f| f.1.len()).unwrap_or(0);
    let (peerstore, refused) = match outcome {
        Ok(info) => (info_json(&info), None),
        Err(error) => (
            json!({}),
            Some(json!({ "by": "rust-libp2p stock identify::Behaviour (libp2p-identify 0.48.0, prost-codec limit: body above 4096 bytes)", "error": error })),
        ),
    };
    drop(handles);
    let rec = Rec {
        name: format!("identify-body-{got}-ed25519"),
        protocol: ID,
        scenario: format!("A (listening on {}) accepts {} extra protocols /identify-wire/pad/NNN/xxx… through libp2p-stream, sized so that its Identify body is {got} bytes; B dialed A's tcp address. rust-libp2p reads at most 4096 body bytes per message (MAX_MESSAGE_SIZE_BYTES) but its sender does not check that limit.", list(&a.listen), names.len()),
        sender: ka,
        bin,
        peerstore,
        refused,
    };
    Ok((rec, got))
}

fn sidecar(r: &Rec, commit: &str) -> Res<Value> {
    let fr = frames(&r.bin)?;
    let file = format!("rust-libp2p-{}.bin", r.name);
    let body = &fr.first().ok_or("no frame")?.1;
    let msg = <Identify as prost::Message>::decode(&body[..]).map_err(|e| format!("prost: {e}"))?;
    let mut o = Map::new();
    o.insert("name".into(), json!(format!("rust-libp2p-{}", r.name)));
    o.insert("file".into(), json!(file));
    o.insert("sha256".into(), json!(sha256(&r.bin)));
    o.insert("totalBytes".into(), json!(r.bin.len()));
    o.insert("implementation".into(), json!("rust-libp2p"));
    o.insert("version".into(), json!(VERSION));
    o.insert("recorderCommit".into(), json!(commit));
    o.insert("protocol".into(), json!(r.protocol));
    o.insert("kind".into(), json!(if r.protocol == ID { "identify-response" } else { "identify-push" }));
    o.insert("scenario".into(), json!(r.scenario));
    o.insert("keyType".into(), json!(key_type_name(&r.sender)));
    o.insert("frames".into(), json!(fr.len()));
    o.insert("bodyBytes".into(), json!(body.len()));
    o.insert("senderPeerId".into(), json!(r.sender.public().to_peer_id().to_string()));
    o.insert("decoded".into(), decoded_json(&msg));
    if let Some(spr) = &msg.signed_peer_record {
        o.insert("signedPeerRecord".into(), peer_record_json(spr).map_err(|e| format!("{}: {e}", r.name))?);
    }
    o.insert("peerstore".into(), r.peerstore.clone());
    if let Some(x) = &r.refused {
        o.insert("refused".into(), x.clone());
    }
    Ok(Value::Object(o))
}

pub async fn run(dir: &str) -> Res<()> {
    let commit = std::env::var("RECORDER_COMMIT").unwrap_or_else(|_| "uncommitted".into());
    let mut recs = vec![];
    let tcp = "B dialed A over tcp, so A observed B's tcp address.";
    recs.push(identify_once("identify-tcp-ed25519", "ed25519", "/tcp/", false, &format!("Stock identify::Config::new (no signed peer record). {tcp}")).await?);
    recs.push(identify_once("identify-quic-ed25519", "ed25519", "/quic-v1", false, "Stock identify::Config::new (no signed peer record). B dialed A over quic-v1, so A observed B's quic-v1 address.").await?);
    recs.push(identify_once("identify-ws-ed25519", "ed25519", "/ws", false, "Stock identify::Config::new (no signed peer record). B dialed A over ws, so A observed B's ws address.").await?);
    for kind in ["ed25519", "secp256k1", "ecdsa", "rsa"] {
        let s = format!("identify::Config::new_with_signed_peer_record: rust-libp2p seals every address it advertises (listen and external) into the record, in its legacy envelope (domain libp2p-routing-state, payload type /libp2p/routing-state-record). {tcp}");
        recs.push(identify_once(&format!("identify-signed-{kind}"), kind, "/tcp/", true, &s).await?);
    }
    recs.push(identify_external().await?);
    recs.extend(pushes().await?);
    let (calib, overhead) = large(0, 0).await?;
    drop(calib);
    for body in [4096, 4097, 8193] {
        let (r, got) = large(body, overhead).await?;
        if got != body {
            return Err(format!("large message: wanted a {body}-byte body, got {got}").into());
        }
        recs.push(r);
    }
    for r in &recs {
        let j = sidecar(r, &commit)?;
        let base = format!("{dir}/rust-libp2p-{}", r.name);
        std::fs::write(format!("{base}.bin"), &r.bin)?;
        std::fs::write(format!("{base}.json"), serde_json::to_string_pretty(&j)? + "\n")?;
        println!("wrote {base}.bin ({} bytes)", r.bin.len());
    }
    Ok(())
}
