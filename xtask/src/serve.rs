//! `cargo xtask serve`: set up, build the default catalog, and serve Hark with trunk on 127.0.0.1.

use crate::proc::{command, checked};
use crate::setup::{self, Needs};

/// Serve until interrupted.
pub fn run(args: &[String]) -> Result<(), String> {
    setup::run(&Needs { browser: false, e2e_packages: false, wasm_tools: true })?;
    let mut port = "8080".to_string();
    let mut release = false;
    let mut open = std::env::var_os("DISPLAY").is_some() || std::env::var_os("WAYLAND_DISPLAY").is_some()
        || cfg!(target_os = "macos") || cfg!(windows);
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        match arg.as_str() {
            "--port" => port = rest.next().cloned().ok_or("--port needs a number")?,
            "--release" => release = true,
            "--no-open" => open = false,
            other => return Err(format!("serve: unknown option `{other}`")),
        }
    }
    crate::catalog::run(&["--if-missing".to_string()]).map_err(|message| format!("catalog: {message}"))?;
    println!("==> Hark will be at http://127.0.0.1:{port}/ once built (Ctrl+C stops the server)");
    let mut trunk_args = vec!["serve", "--address", "127.0.0.1", "--port", &port];
    if release {
        trunk_args.push("--release");
    }
    if open {
        trunk_args.push("--open");
    }
    checked(command("trunk", &trunk_args))
}

