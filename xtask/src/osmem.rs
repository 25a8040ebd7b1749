//! osmem-server: an in-memory OpenSearch-API server (PyPI `osmem-server`, a wheel shipping one static binary) that
//! the remote engine's e2e tests search. `cargo xtask test` installs it (idempotently, from PyPI only, into the
//! target folder with `pip --target`, which needs no venv and leaves the system Python alone), starts it on a free
//! 127.0.0.1 port and stops it when the handle is dropped, also when a layer fails or panics.

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use crate::proc::{checked, timed, workspace_root};

const VERSION: &str = "0.1.6";

/// Where `pip --target` puts the package: `<target>/osmem-server-<version>`.
fn install_dir() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR").map(PathBuf::from).unwrap_or_else(|| workspace_root().join("target"));
    target.join(format!("osmem-server-{VERSION}"))
}

/// The server binary, installing the wheel first when it is missing. `OSMEM_SERVER_BIN` overrides.
pub fn install() -> Result<PathBuf, String> {
    if let Some(bin) = std::env::var_os("OSMEM_SERVER_BIN") {
        return Ok(bin.into());
    }
    let dir = install_dir();
    let bin = dir.join("osmem_server/bin/osmem-server");
    let marker = dir.join(format!("osmem_server-{VERSION}.dist-info"));
    if bin.is_file() && marker.is_dir() {
        println!("==> osmem-server {VERSION}: already installed");
        return Ok(bin);
    }
    timed(&format!("pip install osmem-server=={VERSION} (into {})", dir.display()), || {
        let mut pip = Command::new("python3");
        pip.args(["-m", "pip", "install", "--quiet", "--disable-pip-version-check", "--no-input", "--upgrade", "--target"])
            .arg(&dir)
            .arg(format!("osmem-server=={VERSION}"));
        checked(pip)
    })
    .map_err(|error| {
        format!(
            "could not install osmem-server (the OpenSearch test server). Install it with:\n    \
             python3 -m pip install osmem-server=={VERSION}\nand set OSMEM_SERVER_BIN to its bin/osmem-server\n    ({error})"
        )
    })?;
    if bin.is_file() {
        Ok(bin)
    } else {
        Err(format!("osmem-server {VERSION} installed, but {} is missing (no wheel for this platform?)", bin.display()))
    }
}

/// A running server; dropping it stops the process.
pub struct Osmem {
    child: Child,
    /// `http://127.0.0.1:<port>`.
    pub url: String,
}

impl Osmem {
    /// Start `bin` on a free port and wait (at most 30 s) for the line announcing its URL.
    pub fn start(bin: &PathBuf) -> Result<Self, String> {
        let mut child = Command::new(bin)
            // Port 0: the server picks a free port and reports it. It also exits if xtask dies without dropping.
            .args(["-addr", "127.0.0.1:0", "-no-stdin-watch", "-parent-pid", &std::process::id().to_string()])
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .spawn()
            .map_err(|error| format!("could not start {}: {error}", bin.display()))?;
        let stdout = child.stdout.take().ok_or("osmem-server has no stdout")?;
        let (sender, receiver) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if let Some(url) = announced_url(&line) {
                    let _ = sender.send(url);
                }
                // Keep draining so the server never blocks on a full pipe.
            }
        });
        let mut server = Self { child, url: String::new() };
        match receiver.recv_timeout(Duration::from_secs(30)) {
            Ok(url) => {
                server.url = url;
                Ok(server)
            }
            // `server` is dropped here, which stops the process.
            Err(_) => Err("osmem-server did not report its address within 30 s".into()),
        }
    }
}

impl Drop for Osmem {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The `url` of the server's start-up line, `{"url":"http://127.0.0.1:44945","pid":…}`.
pub fn announced_url(line: &str) -> Option<String> {
    let value: serde_json::Value = serde_json::from_str(line).ok()?;
    let url = value.get("url")?.as_str()?;
    url.starts_with("http://").then(|| url.trim_end_matches('/').to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_start_up_line() {
        let line = r#"{"url":"http://127.0.0.1:44945","pid":1459,"version":"3.8.0","japanese":true,"indices":[]}"#;
        assert_eq!(announced_url(line).as_deref(), Some("http://127.0.0.1:44945"));
        assert_eq!(announced_url("listening"), None);
        assert_eq!(announced_url(r#"{"pid": 1}"#), None);
    }
}
