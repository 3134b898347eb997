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
    #[error("无法读写 {}：{}", path.display(), io_reason(source))]
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
        assert_eq!(e.to_string(), "无法读写 content/site.yaml：文件或文件夹不存在");
        let other = std::io::Error::other("boom");
        assert_eq!(io_reason(&other), "系统错误（boom）");
    }
}
