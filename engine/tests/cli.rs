//! The `hark-engine` binary: help output, and indexing with a site config's field names.
#![cfg(feature = "cli")]

use hark_engine::{Index, Query};
use std::path::PathBuf;
use std::process::{Command, Output};

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_hark-engine"))
        .args(args)
        .output()
        .expect("the hark-engine binary runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// A fresh folder under the target directory for one test's files.
fn scratch(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("create a scratch folder");
    dir
}

#[test]
fn help_lists_every_command_and_the_default_field_names_on_stdout() {
    let o = run(&["--help"]);
    assert!(o.status.success(), "{o:?}");
    let text = stdout(&o);
    for line in [
        "hark-engine index <CATALOG> --output <INDEX> [--config <hark.json>]",
        "hark-engine queries <SOURCE> --output <QUERIES> [--config <hark.json>] [--count <COUNT>] [--seed <SEED>]",
        "hark-engine eval <SOURCE> <QUERIES> [--config <hark.json>] [--no-typo] [--no-phonetic] [--limit <K>] [--misses <N>]",
        "hark-engine search <SOURCE> <QUERY> [--alt <TEXT=CONFIDENCE>] [--config <hark.json>] [--no-typo] [--no-phonetic] [--limit <K>] [--no-prefix]",
    ] {
        assert!(text.contains(line), "{line} missing from:\n{text}");
    }
    for field in [
        r#"id: "id""#,
        r#"title: "title""#,
        r#"description: "description""#,
        r#"category: "category""#,
        r#"url: "url""#,
        r#""keywords", "aliases", "tags""#,
    ] {
        assert!(text.contains(field), "{field} missing from:\n{text}");
    }
    assert!(o.stderr.is_empty());
}

#[test]
fn each_command_help_lists_its_options() {
    let expected: [(&str, &[&str]); 4] = [
        ("index", &["--output", "-o", "--config"]),
        (
            "queries",
            &[
                "--output",
                "--config",
                "--count",
                "--seed",
                "[default: 300]",
            ],
        ),
        (
            "eval",
            &[
                "--config",
                "--limit",
                "-k",
                "--no-typo",
                "--no-phonetic",
                "--misses",
            ],
        ),
        (
            "search",
            &[
                "--config",
                "--alt",
                "--limit",
                "--no-prefix",
                "--no-typo",
                "--no-phonetic",
            ],
        ),
    ];
    for (command, options) in expected {
        let o = run(&[command, "--help"]);
        assert!(o.status.success(), "{command}: {o:?}");
        let text = stdout(&o);
        for option in options.iter().chain(&[r#"title: "title""#]) {
            assert!(
                text.contains(option),
                "{command} --help lacks {option}:\n{text}"
            );
        }
    }
}

#[test]
fn usage_errors_fail_with_a_message() {
    for args in [
        &["index", "cat.jsonl"][..],
        &["search"],
        &["frobnicate"],
        &["search", "x", "y", "--alt", "nope"],
    ] {
        let o = run(args);
        assert!(!o.status.success(), "{args:?}");
        assert!(!o.stderr.is_empty(), "{args:?}");
    }
    let o = run(&["index", "/no/such/catalog.jsonl", "-o", "/no/such/out.hidx"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).starts_with("hark-engine: /no/such/catalog.jsonl: "));
}

#[test]
fn index_with_a_config_reads_custom_field_names() {
    let dir = scratch("cli-index-config");
    let catalog = dir.join("shop.jsonl");
    std::fs::write(
        &catalog,
        concat!(
            r#"{"sku":"t-1","name":"Tuning fork","summary":"A steel fork that rings at one pitch","labels":["a440"]}"#,
            "\n",
            r#"{"sku":"e-2","name":"Espresso maker","summary":"Forces steam through coffee","labels":"barista"}"#,
            "\n"
        ),
    )
    .unwrap();
    let config = dir.join("hark.json");
    std::fs::write(
        &config,
        r#"{"fields": {"id": "sku", "title": "name", "description": "summary", "keywords": "labels"}, "max_results": 5}"#,
    )
    .unwrap();
    let out = dir.join("shop.hidx");
    let (c, o, cfg) = (
        catalog.to_str().unwrap(),
        out.to_str().unwrap(),
        config.to_str().unwrap(),
    );

    // Without the config the catalog has no "title": a clear error.
    let plain = run(&["index", c, "-o", o]);
    assert_eq!(plain.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&plain.stderr).contains(r#"has no title (field "title")"#),
        "{plain:?}"
    );

    let built = run(&["index", c, "-o", o, "--config", cfg]);
    assert!(built.status.success(), "{built:?}");
    assert!(stdout(&built).contains("2 documents"), "{}", stdout(&built));
    let index = Index::from_bytes(&std::fs::read(&out).unwrap()).unwrap();
    assert_eq!(index.max_results(), 5);
    let hits = index.search(&Query::text("barista"));
    let doc = index.doc(hits[0].doc).unwrap();
    assert_eq!(
        (doc.id, doc.title, doc.keywords),
        ("e-2", "Espresso maker", "barista")
    );

    // `search` on the catalog with the same config finds the same document.
    let found = run(&["search", c, "tuning frok", "--config", cfg, "-k", "1"]);
    assert!(found.status.success(), "{found:?}");
    assert!(stdout(&found).contains("Tuning fork"), "{}", stdout(&found));
}
