//! Fatal environment errors (exit status 2): I/O, a missing `content/`, a
//! broken theme, an output folder we may not replace. Content problems are
//! [`crate::diag::Diagnostic`]s instead.

use std::path::PathBuf;

/// A fatal error; every variant names what it concerns and keeps its cause
/// as its [`source`](std::error::Error::source). Print one with [`report`],
/// which adds the causes.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The site root has no `content/` folder.
    #[error("站点目录 {0} 下没有 content/ 文件夹")]
    NoContent(PathBuf),
    /// Reading or writing a file failed.
    #[error("无法读写 {}", path.display())]
    Io {
        /// The path.
        path: PathBuf,
        /// The cause.
        #[source]
        source: std::io::Error,
    },
    /// A symbolic link under `content/` leads outside the site root.
    #[error("符号链接 {0} 指向站点目录之外，为安全起见拒绝读取")]
    LinkOutside(PathBuf),
    /// Symbolic links under `content/` form a loop.
    #[error("符号链接 {0} 形成循环")]
    LinkLoop(PathBuf),
    /// `site.yaml` names a theme that is not under `themes/`.
    #[error("主题错误：找不到主题 {name}（应在 {} 下）", dir.display())]
    UnknownTheme {
        /// The theme's name.
        name: String,
        /// Where it was looked for.
        dir: PathBuf,
    },
    /// A theme file that should be a template is not UTF-8 text.
    #[error("主题错误：模板 {0} 不是 UTF-8 文本")]
    TemplateNotText(String),
    /// A theme's templates do not parse.
    #[error("主题错误：模板有误")]
    Templates(#[source] tera::Error),
    /// A theme lacks a template that a page kind needs.
    #[error("主题错误：缺少模板 {0}")]
    MissingTemplate(String),
    /// The output folder exists, is not empty and was not written by gongshi.
    #[error("输出目录 {0} 不是 gongshi 生成的，且不为空；为避免误删，拒绝覆盖")]
    ForeignOutput(PathBuf),
    /// Rendering failed in a template.
    #[error("模板渲染失败（{template}）")]
    Render {
        /// Template name.
        template: String,
        /// The cause.
        #[source]
        source: tera::Error,
    },
    /// A generated file's path would leave the output folder (a bug or a
    /// hostile id that validation missed): never written.
    #[error("输出路径不安全：{0}")]
    UnsafeOutputPath(String),
    /// A notice's address does not fit in a QR code.
    #[error("无法为 {url} 生成二维码")]
    Qr {
        /// The address to encode.
        url: String,
        /// The cause.
        #[source]
        source: qrcodegen::DataTooLong,
    },
    /// A generated data file could not be serialized.
    #[error("无法生成 {path}")]
    Serialize {
        /// The file.
        path: String,
        /// The cause.
        #[source]
        source: serde_json::Error,
    },
    /// An announcement's 明细表 could not be written as a spreadsheet.
    #[error("无法生成 {path}")]
    Spreadsheet {
        /// The file.
        path: String,
        /// The cause.
        #[source]
        source: rust_xlsxwriter::XlsxError,
    },
}

impl Error {
    /// Wraps an I/O error with its path.
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io { path: path.into(), source }
    }
}

/// An error and its causes on one line, the way every command prints them
/// (the one walker of a cause chain). Our own errors are worded in Chinese;
/// an I/O cause adds its Chinese reason (`：没有权限`); a library's cause keeps
/// its own, usually English, words, marked as a technical detail for
/// whoever helps the county.
pub fn report(e: &dyn std::error::Error) -> String {
    let mut out = e.to_string();
    let mut details: Vec<String> = Vec::new();
    let mut cause = e.source();
    while let Some(c) = cause {
        if let Some(io) = c.downcast_ref::<std::io::Error>() {
            out.push('：');
            out.push_str(&io_reason(io));
            // The reason already says what the system said.
            break;
        }
        let text = c.to_string();
        // Wrappers often repeat their cause's words.
        if !details.iter().any(|d| d.contains(&text)) && !out.contains(&text) {
            details.push(text);
        }
        cause = c.source();
    }
    if !details.is_empty() {
        out.push_str(&format!("（技术细节：{}）", details.join("：")));
    }
    out
}

/// The reason of an I/O error in Chinese, for county staff: the operating
/// system words it in English. Rare kinds keep the system's words, marked as such.
pub fn io_reason(e: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    let reason = match e.kind() {
        K::NotFound => "文件或文件夹不存在",
        K::PermissionDenied => "没有权限",
        K::AlreadyExists => "已经存在",
        K::StorageFull => "磁盘空间已满",
        K::ReadOnlyFilesystem => "所在的磁盘只能读、不能写",
        K::IsADirectory => "这是一个文件夹，不是文件",
        K::NotADirectory => "路径中有一段不是文件夹",
        K::DirectoryNotEmpty => "文件夹不是空的",
        K::InvalidData => "内容无法识别",
        K::AddrInUse => "地址或端口已被占用",
        K::AddrNotAvailable => "本机没有这个地址",
        _ => return format!("系统错误（{e}）"),
    };
    reason.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn io_errors_are_worded_in_chinese() {
        let e = Error::io("content/site.yaml", std::io::Error::from(std::io::ErrorKind::NotFound));
        assert_eq!(report(&e), "无法读写 content/site.yaml：文件或文件夹不存在");
        let other = std::io::Error::other("boom");
        assert_eq!(io_reason(&other), "系统错误（boom）");
    }

    #[test]
    fn a_library_cause_is_a_technical_detail() {
        let source = tera::Tera::new().render("missing.html", &tera::Context::new()).unwrap_err();
        let e = Error::Render { template: "page.html".into(), source };
        let line = report(&e);
        assert!(line.starts_with("模板渲染失败（page.html）（技术细节："), "{line}");
        assert!(line.contains("missing.html"), "{line}");
    }
}
