// identify-wire's rust-libp2p tooling: `record <dir>` writes the rust-libp2p Identify recordings, `oracle` runs the
// multiaddr crate over JSON lines from stdin, `judge` runs the live loopback judge against identify-wire.
mod judge;
mod net;
mod oracle;
mod record;
mod tap;
mod wire;

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let code = match args.first().map(String::as_str) {
        Some("record") => match record::run(args.get(1).map(String::as_str).unwrap_or("vectors")).await {
            Ok(()) => 0,
            Err(e) => {
                eprintln!("record failed: {e}");
                1
            }
        },
        Some("oracle") => oracle::run(),
        Some("judge") => judge::run().await,
        _ => {
            eprintln!("usage: rust-recorder record <dir> | oracle | judge");
            2
        }
    };
    std::process::exit(code);
}
