//! `cargo xtask serve`: set up, build the default catalog, and serve Hark with trunk on 127.0.0.1.
//!
//! `--remote URL` also proxies `/search-proxy/` to an OpenSearch/Elasticsearch cluster (same origin, so the cluster
//! needs no CORS) and opens the page with `?config=hark.remote.json`, which searches its `things` index (load it
//! with `cargo xtask catalog --upload URL things`).

use crate::proc::{command, checked};
use crate::setup::{self, Needs};

/// Serve until interrupted.
pub fn run(args: &[String]) -> Result<(), String> {
    if args.iter().any(|arg| arg == "--config") {
        return serve_site(args);
    }
    setup::run(&Needs { browser: false, e2e_packages: false, wasm_tools: true })?;
    let mut port = "8080".to_string();
    let mut release = false;
    let mut remote: Option<String> = None;
    let mut open = std::env::var_os("DISPLAY").is_some() || std::env::var_os("WAYLAND_DISPLAY").is_some()
        || cfg!(target_os = "macos") || cfg!(windows);
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        match arg.as_str() {
            "--port" => port = rest.next().cloned().ok_or("--port needs a number")?,
            "--release" => release = true,
            "--no-open" => open = false,
            "--remote" => {
                let url = rest.next().ok_or("--remote needs the cluster's URL, e.g. http://127.0.0.1:9200")?;
                if !(url.starts_with("http://") || url.starts_with("https://")) {
                    return Err(format!("--remote {url}: the cluster URL must start with http:// or https://"));
                }
                remote = Some(format!("{}/", url.trim_end_matches('/')));
            }
            other => return Err(format!("serve: unknown option `{other}`")),
        }
    }
    crate::catalog::run(&["--if-missing".to_string()]).map_err(|message| format!("catalog: {message}"))?;
    let page = if remote.is_some() { "?config=hark.remote.json" } else { "" };
    println!("==> Hark will be at http://127.0.0.1:{port}/{page} once built (Ctrl+C stops the server)");
    let mut trunk_args = vec!["serve", "--address", "127.0.0.1", "--port", &port];
    if let Some(backend) = &remote {
        println!("==> /search-proxy/ is proxied to {backend}");
        trunk_args.extend(["--proxy-backend", backend, "--proxy-rewrite", "/search-proxy/"]);
    }
    if release {
        trunk_args.push("--release");
    }
    if open {
        if remote.is_some() {
            // trunk's --open cannot add a query string: open the page ourselves once it answers.
            open_later(format!("http://127.0.0.1:{port}/{page}"));
        } else {
            trunk_args.push("--open");
        }
    }
    checked(command("trunk", &trunk_args))
}


/// Open `url` in the desktop's browser once the server answers (trunk builds first), in the background.
fn open_later(url: String) {
    std::thread::spawn(move || {
        let address = url.trim_start_matches("http://").split('/').next().unwrap_or_default().to_string();
        for _ in 0..600 {
            if std::net::TcpStream::connect(&address).is_ok() {
                let opener = if cfg!(target_os = "macos") { "open" } else { "xdg-open" };
                let _ = std::process::Command::new(opener).arg(&url).status();
                return;
            }
            std::thread::sleep(std::time::Duration::from_millis(500));
        }
    });
}

/// `serve --config path/to/hark.json [--port N] [--release] [--dist DIR]`: build that site exactly as
/// `cargo xtask site` does (into `target/site-serve`; `--dist` takes an app already built) and serve the folder, so
/// development sees what production will.
fn serve_site(args: &[String]) -> Result<(), String> {
    let (mut port, mut release, mut site_args) = (8080u16, false, Vec::new());
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        match arg.as_str() {
            "--port" => port = rest.next().and_then(|p| p.parse().ok()).ok_or("--port needs a number")?,
            "--release" => release = true,
            "--no-open" => {}
            "--config" | "--dist" => {
                site_args.extend([arg.clone(), rest.next().cloned().ok_or(format!("{arg} needs a value"))?])
            }
            other => return Err(format!("serve --config: unknown option `{other}`")),
        }
    }
    let out = crate::proc::workspace_root().join("target/site-serve");
    let mut options = crate::site::Options::from_args(&site_args)?;
    options.out = out.clone();
    if !release && options.dist.is_none() {
        // A debug build is quicker to make; `--release` serves exactly what `cargo xtask site` writes.
        setup::run(&Needs { browser: false, e2e_packages: false, wasm_tools: true })?;
        let dist = crate::proc::workspace_root().join("target/site-serve-app");
        checked(command("trunk", &["build", "--dist", &dist.display().to_string()]))?;
        options.dist = Some(dist);
    }
    crate::site::build(&options)?;
    println!("==> Hark with {} at http://127.0.0.1:{port}/ (Ctrl+C stops the server)", options.config.display());
    crate::static_server::serve(&out, port)
}
