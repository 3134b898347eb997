//! Fatal environment errors (exit status 2): I/O, a missing `content/`, a
//! broken theme, an output folder we may not replace. Content problems are
//! [`crate::diag::Diagnostic`]s instead.

use std::path::PathBuf;

/// A fatal error; every variant names the path it concerns.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The site root has no `content/` folder.
    #[error("站点目录 {0} 下没有 content/ 文件夹")]
    NoContent(PathBuf),
    /// Reading or writing a file failed.
    #[error("无法读写 {path}: {source}")]
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
    /// A theme is unknown or broken.
    #[error("主题错误：{0}")]
    Theme(String),
    /// The output folder exists, is not empty and was not written by gongshi.
    #[error("输出目录 {0} 不是 gongshi 生成的，且不为空；为避免误删，拒绝覆盖")]
    ForeignOutput(PathBuf),
    /// Rendering failed in a template.
    #[error("模板渲染失败（{template}）：{message}")]
    Render {
        /// Template name.
        template: String,
        /// Cause.
        message: String,
    },
}

impl Error {
    /// Wraps an I/O error with its path.
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io { path: path.into(), source }
    }
}
