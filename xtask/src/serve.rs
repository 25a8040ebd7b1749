//! `cargo xtask serve`: set up, build the default catalog, and serve Hark with trunk on 127.0.0.1.
//!
//! Development runs under the same strict Content-Security-Policy as production ([`STRICT_CSP`], the policy of
//! `e2e/support/csp.mjs`), so a change that needs an inline script or style shows up as a violation at once.
//! Trunk's live reload is an inline script, which that policy blocks: it is off by default, and `--reload` turns it on
//! and relaxes `script-src` by `'unsafe-inline'` for that session only (said when it starts). Trunk takes response
//! headers only from its config, so the effective config is `Trunk.toml` plus a `[serve.headers]` table, written to
//! `.trunk-serve.toml` beside it (relative paths in a trunk config are relative to the file; git ignores it). It is
//! rewritten on every run and removed when trunk exits by itself (Ctrl+C ends this process with trunk, leaving it).
//!
//! `--remote URL` also proxies `/search-proxy/` to an OpenSearch/Elasticsearch cluster (same origin, so the cluster
//! needs no CORS) and opens the page with `?config=hark.remote.json`, which searches its `things` index (load it
//! with `cargo xtask catalog --upload URL things`).

use crate::proc::{command, checked};
use crate::setup::{self, Needs};

/// The strict policy (issue 12; the same as `e2e/support/csp.mjs`), before the remote `connect-src`.
pub const STRICT_CSP: [&str; 9] = [
    "default-src 'self'",
    "script-src 'self' 'wasm-unsafe-eval'",
    "style-src 'self'",
    "img-src 'self' data:",
    "connect-src 'self'",
    "worker-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
];

/// The generated trunk config (see the module docs).
const SERVE_CONFIG: &str = ".trunk-serve.toml";

/// The policy `serve` sends: [`STRICT_CSP`], with the cluster's origin in `connect-src` when `remote` is given (the
/// page reaches it through the same-origin `/search-proxy/`, but a hark.json may name it directly, as in production),
/// and `'unsafe-inline'` in `script-src` when `reload` (trunk's live-reload script is inline).
pub fn policy(remote: Option<&str>, reload: bool) -> String {
    STRICT_CSP
        .iter()
        .map(|directive| match (directive.split(' ').next(), remote) {
            (Some("connect-src"), Some(url)) => format!("{directive} {}", origin(url)),
            (Some("script-src"), _) if reload => format!("{directive} 'unsafe-inline'"),
            _ => (*directive).to_string(),
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// `scheme://host[:port]` of an http(s) URL.
fn origin(url: &str) -> &str {
    let after_scheme = url.find("://").map_or(0, |i| i + 3);
    let end = url[after_scheme..].find('/').map_or(url.len(), |i| after_scheme + i);
    &url[..end]
}

/// `Trunk.toml`'s text plus the response headers for `serve` (the policy is a TOML basic string: no quotes in it).
fn serve_config(trunk_toml: &str, policy: &str) -> Result<String, String> {
    if trunk_toml.contains("[serve.headers]") {
        return Err("Trunk.toml already has [serve.headers]; `cargo xtask serve` writes its own".into());
    }
    if policy.contains(['"', '\\', '\n']) {
        return Err(format!("the policy cannot go into a TOML string: {policy}"));
    }
    Ok(format!(
        "{trunk_toml}\n# Added by `cargo xtask serve` (xtask/src/serve.rs); this file is generated on every run.\n[serve.headers]\n\"Content-Security-Policy\" = \"{policy}\"\n"
    ))
}

/// Removes the generated config when `serve` returns (not on Ctrl+C, which ends this process at once).
struct Generated(std::path::PathBuf);

impl Drop for Generated {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

/// Serve until interrupted.
pub fn run(args: &[String]) -> Result<(), String> {
    if args.iter().any(|arg| arg == "--config") {
        return serve_site(args);
    }
    setup::run(&Needs { browser: false, e2e_packages: false, wasm_tools: true })?;
    let mut port = "8080".to_string();
    let mut release = false;
    let mut reload = false;
    let mut remote: Option<String> = None;
    let mut open = std::env::var_os("DISPLAY").is_some() || std::env::var_os("WAYLAND_DISPLAY").is_some()
        || cfg!(target_os = "macos") || cfg!(windows);
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        match arg.as_str() {
            "--port" => port = rest.next().cloned().ok_or("--port needs a number")?,
            "--release" => release = true,
            "--reload" => reload = true,
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
    let policy = policy(remote.as_deref(), reload);
    let text = std::fs::read_to_string("Trunk.toml").map_err(|e| format!("Trunk.toml: {e}"))?;
    std::fs::write(SERVE_CONFIG, serve_config(&text, &policy)?).map_err(|e| format!("{SERVE_CONFIG}: {e}"))?;
    let _generated = Generated(SERVE_CONFIG.into());
    println!("==> Content-Security-Policy: {policy}");
    if reload {
        println!("==> --reload: live reload is on, so script-src also allows 'unsafe-inline' (trunk's reload script is inline)");
    } else {
        println!("==> live reload is off (its inline script breaks the strict policy); `cargo xtask serve --reload` turns it on");
    }
    let no_autoreload = if reload { "--no-autoreload=false" } else { "--no-autoreload=true" };
    let mut trunk_args = vec!["serve", "--config", SERVE_CONFIG, no_autoreload, "--address", "127.0.0.1", "--port", &port];
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_policy_is_strict_and_adds_only_what_is_asked() {
        let strict = policy(None, false);
        assert!(strict.starts_with("default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'"));
        assert!(!strict.contains("unsafe-inline") && !strict.contains(" 'unsafe-eval'"));
        assert!(strict.ends_with("frame-ancestors 'none'"));
        let remote = policy(Some("http://127.0.0.1:9200/"), false);
        assert!(remote.contains("connect-src 'self' http://127.0.0.1:9200;"), "{remote}");
        assert!(policy(None, true).contains("script-src 'self' 'wasm-unsafe-eval' 'unsafe-inline';"));
    }

    #[test]
    fn the_config_is_trunk_toml_plus_the_header() {
        let config = serve_config("[serve]\nport = 8080\n", "default-src 'self'").unwrap();
        assert!(config.starts_with("[serve]\nport = 8080\n"));
        assert!(config.ends_with("[serve.headers]\n\"Content-Security-Policy\" = \"default-src 'self'\"\n"));
        assert!(serve_config("[serve.headers]\n", "x").is_err());
        assert!(serve_config("", "a\"b").is_err());
    }
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
