//! Running commands: the workspace root, PATH with the project's tools first, and timed steps.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

/// The workspace root (the folder holding the top Cargo.toml).
pub fn workspace_root() -> PathBuf {
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    manifest.parent().map(Path::to_path_buf).unwrap_or(manifest)
}

/// PATH with npm's binaryen (wasm-opt 132) and cargo's bin folder first, so trunk finds the right tools.
pub fn tool_path() -> String {
    let root = workspace_root();
    let mut parts = vec![root.join("tools/node_modules/binaryen/bin").display().to_string()];
    if let Some(home) = std::env::var_os("CARGO_HOME").map(PathBuf::from).or_else(|| {
        std::env::var_os("HOME").map(|home| PathBuf::from(home).join(".cargo"))
    }) {
        parts.push(home.join("bin").display().to_string());
    }
    if let Ok(path) = std::env::var("PATH") {
        parts.push(path);
    }
    parts.join(":")
}

/// A command run from the workspace root with the tool PATH.
pub fn command(program: &str, args: &[&str]) -> Command {
    let mut command = Command::new(program);
    command.args(args).current_dir(workspace_root()).env("PATH", tool_path());
    command
}

/// The trimmed stdout of a command, or `None` if it cannot run or fails.
pub fn output_of(program: &str, args: &[&str]) -> Option<String> {
    let output = command(program, args).stderr(Stdio::null()).output().ok()?;
    output.status.success().then(|| String::from_utf8_lossy(&output.stdout).trim().to_string())
}

/// `program arg arg…`, for messages (without the environment).
pub fn shown(command: &Command) -> String {
    std::iter::once(command.get_program())
        .chain(command.get_args())
        .map(|part| part.to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Run a command to completion, inheriting its output; an error names the command.
pub fn checked(mut command: Command) -> Result<(), String> {
    let shown = shown(&command);
    let status = command.status().map_err(|error| format!("could not run {shown}: {error}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{shown} failed ({status})"))
    }
}

/// Run `step`, printing its name and how long it took.
pub fn timed<T>(name: &str, step: impl FnOnce() -> Result<T, String>) -> Result<T, String> {
    println!("==> {name}");
    let started = Instant::now();
    let result = step();
    let took = started.elapsed().as_secs_f64();
    match &result {
        Ok(_) => println!("    {name}: done in {took:.1} s"),
        Err(_) => println!("    {name}: FAILED after {took:.1} s"),
    }
    result
}
