// Helpers shared by the recorder, the oracle and the judge: the Identify protobuf message read with prost (the
// decoder rust-libp2p's identify uses, same field numbers and types as its generated struct), hex, sha256,
// frame splitting, and the keys of every type rust-libp2p supports.
use libp2p::{
    core::{PeerRecord, SignedEnvelope},
    identity::{self, Keypair},
    Multiaddr,
};
use serde_json::{json, Map, Value};
use sha2::Digest;

use crate::tap::uvarint;

/// The Identify message, field for field as in rust-libp2p's identify.proto (prost optional/repeated).
#[derive(Clone, PartialEq, ::prost::Message)]
pub struct Identify {
    #[prost(string, optional, tag = "5")]
    pub protocol_version: Option<String>,
    #[prost(string, optional, tag = "6")]
    pub agent_version: Option<String>,
    #[prost(bytes = "vec", optional, tag = "1")]
    pub public_key: Option<Vec<u8>>,
    #[prost(bytes = "vec", repeated, tag = "2")]
    pub listen_addrs: Vec<Vec<u8>>,
    #[prost(bytes = "vec", optional, tag = "4")]
    pub observed_addr: Option<Vec<u8>>,
    #[prost(string, repeated, tag = "3")]
    pub protocols: Vec<String>,
    #[prost(bytes = "vec", optional, tag = "8")]
    pub signed_peer_record: Option<Vec<u8>>,
}

pub fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}

pub fn unhex(s: &str) -> Option<Vec<u8>> {
    if s.len() % 2 != 0 {
        return None;
    }
    (0..s.len()).step_by(2).map(|i| u8::from_str_radix(s.get(i..i + 2)?, 16).ok()).collect()
}

pub fn sha256(b: &[u8]) -> String {
    hex(&sha2::Sha256::digest(b))
}

/// Text of a binary multiaddr as rust's multiaddr crate prints it, or 0x<hex> when it does not parse.
pub fn addr_text(b: &[u8]) -> String {
    match Multiaddr::try_from(b.to_vec()) {
        Ok(a) => a.to_string(),
        Err(_) => format!("0x{}", hex(b)),
    }
}

/// The frames of a stream: (prefix length, body) per uvarint-prefixed frame; Err on a cut frame.
pub fn frames(b: &[u8]) -> Result<Vec<(usize, Vec<u8>)>, String> {
    let mut out = vec![];
    let mut pos = 0;
    while pos < b.len() {
        let (len, n) = uvarint(&b[pos..]).ok_or("cut length prefix")?;
        let end = pos + n + len as usize;
        if end > b.len() {
            return Err(format!("frame of {len} bytes cut at {}", b.len()));
        }
        out.push((n, b[pos + n..end].to_vec()));
        pos = end;
    }
    Ok(out)
}

/// What prost reads from one body, in the sidecar's `decoded` shape.
pub fn decoded_json(m: &Identify) -> Value {
    let mut o = Map::new();
    if let Some(v) = &m.protocol_version {
        o.insert("protocolVersion".into(), json!(v));
    }
    if let Some(v) = &m.agent_version {
        o.insert("agentVersion".into(), json!(v));
    }
    if let Some(v) = &m.public_key {
        o.insert("publicKey".into(), json!(hex(v)));
    }
    o.insert("listenAddrs".into(), json!(m.listen_addrs.iter().map(|a| addr_text(a)).collect::<Vec<_>>()));
    if let Some(v) = &m.observed_addr {
        o.insert("observedAddr".into(), json!(addr_text(v)));
    }
    o.insert("protocols".into(), json!(m.protocols));
    if let Some(v) = &m.signed_peer_record {
        o.insert("signedPeerRecord".into(), json!(hex(v)));
    }
    Value::Object(o)
}

/// A signed peer record as rust-libp2p reads it (its legacy domain and payload type first, then the standard
/// `libp2p-peer-record` / 0x0301 one), as { peerId, seq, addrs, envelope }; Err with rust's reason otherwise.
pub fn peer_record_json(b: &[u8]) -> Result<Value, String> {
    let env = SignedEnvelope::from_protobuf_encoding(b).map_err(|e| format!("envelope: {e}"))?;
    let (rec, kind) = match PeerRecord::from_signed_envelope(env.clone()) {
        Ok(r) => (r, "legacy: domain libp2p-routing-state, payload type /libp2p/routing-state-record"),
        Err(e1) => match PeerRecord::from_signed_envelope_interop(env) {
            Ok(r) => (r, "standard: domain libp2p-peer-record, payload type 0x0301"),
            Err(e2) => return Err(format!("legacy: {e1}; standard: {e2}")),
        },
    };
    Ok(json!({
        "peerId": rec.peer_id().to_string(),
        "seq": rec.seq().to_string(),
        "addrs": rec.addresses().iter().map(|a| a.to_string()).collect::<Vec<_>>(),
        "envelope": kind,
    }))
}

pub fn key_type_name(k: &Keypair) -> &'static str {
    match k.key_type() {
        identity::KeyType::Ed25519 => "ed25519",
        identity::KeyType::Secp256k1 => "secp256k1",
        identity::KeyType::Ecdsa => "ecdsa",
        identity::KeyType::RSA => "rsa",
    }
}

/// A fixed key of each type, so that recordings keep their peer ids from run to run. The RSA key is the committed
/// keys/rsa2048.pk8 (PKCS#8 DER): libp2p-identity cannot generate RSA keys.
pub fn fixed_key(kind: &str, n: u8) -> Result<Keypair, String> {
    let seed = |n: u8| {
        let mut s = [0u8; 32];
        for (i, b) in s.iter_mut().enumerate() {
            *b = n.wrapping_mul(31).wrapping_add(i as u8).wrapping_add(1);
        }
        s
    };
    let k = match kind {
        "ed25519" => Keypair::ed25519_from_bytes(seed(n)).map_err(|e| e.to_string())?,
        "secp256k1" => {
            let sk = identity::secp256k1::SecretKey::try_from_bytes(seed(n)).map_err(|e| e.to_string())?;
            Keypair::from(identity::secp256k1::Keypair::from(sk))
        }
        "ecdsa" => {
            let sk = identity::ecdsa::SecretKey::try_from_bytes(seed(n)).map_err(|e| e.to_string())?;
            Keypair::from(identity::ecdsa::Keypair::from(sk))
        }
        "rsa" => {
            let path = concat!(env!("CARGO_MANIFEST_DIR"), "/keys/rsa2048.pk8");
            let mut der = std::fs::read(path).map_err(|e| format!("{path}: {e}"))?;
            Keypair::rsa_from_pkcs8(&mut der).map_err(|e| e.to_string())?
        }
        _ => return Err(format!("unknown key type {kind}")),
    };
    Ok(k)
}
