//! QR codes for printed notices: an inline SVG drawn at build time.

use qrcode::render::svg;
use qrcode::{EcLevel, QrCode};

use crate::Error;

/// An inline `<svg>` (no XML declaration) encoding `url`, one user unit per
/// module with the standard 4-module quiet zone; CSS sets its printed size.
pub fn svg(url: &str) -> Result<String, Error> {
    let code = QrCode::with_error_correction_level(url.as_bytes(), EcLevel::M)
        .map_err(|e| Error::Render { template: "qr".into(), message: format!("无法生成二维码：{e}") })?;
    let image = code.render::<svg::Color<'_>>().quiet_zone(true).module_dimensions(1, 1).build();
    let body = image.find("<svg").map_or(image.as_str(), |i| &image[i..]);
    Ok(body.replacen("<svg ", "<svg class=\"qr\" role=\"img\" aria-label=\"项目公开页面二维码\" ", 1))
}
