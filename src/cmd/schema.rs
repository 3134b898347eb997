//! `gongshi schema [--out DIR]`: write the JSON Schemas and show how to hook them up.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

pub(crate) fn run(root: &Path, out: Option<PathBuf>) -> ExitCode {
    let out = out.unwrap_or_else(|| root.join("schemas"));
    match gongshi::schema::write(&out) {
        Ok(files) => {
            for f in &files {
                eprintln!("已写入 {}", f.display());
            }
            // A ready-to-paste VS Code setting (YAML extension), paths relative to the site root.
            let rel = out.strip_prefix(root).unwrap_or(&out).to_string_lossy().replace('\\', "/");
            let mut map = serde_json::Map::new();
            for f in gongshi::schema::schemas().iter().filter(|f| f.applies_to.ends_with(".yaml")) {
                map.insert(format!("./{rel}/{}", f.file_name), f.applies_to.into());
            }
            let settings = serde_json::json!({ "yaml.schemas": map });
            eprintln!("在 VS Code 的 .vscode/settings.json 中加入以下设置即可边写边检查：");
            println!("{}", serde_json::to_string_pretty(&settings).unwrap_or_default());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("错误：{e}");
            ExitCode::from(2)
        }
    }
}
