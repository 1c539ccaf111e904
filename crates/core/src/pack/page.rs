//! The HTML page around the pack and the parents' summary: one self-contained document with
//! its own style (no script, no request for anything else), GOV.UK-like type, and print rules
//! for A4: a page break before each part, and a running header with the child's initials and
//! the reference on every printed page (a table's head, which Chromium repeats on each page it
//! prints; `@page` margin boxes it does not draw).

pub(crate) use crate::chart::svg::escape;

/// The style of every pack page. In print a summary list's row is a float beside a margin, not
/// a flex box: Chromium moves a flex box that does not fit to the next page whole, leaving most
/// of a page empty before each long list item.
const STYLE: &str = r#"
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;font-family:Arial,sans-serif;font-size:19px;line-height:1.32;color:#0b0c0c;background:#ffffff}
.pack-layout{width:100%;border-collapse:collapse;table-layout:fixed}
.pack-layout>thead>tr>td,.pack-layout>tbody>tr>td{padding:0;border:0}
.pack-running{display:none}
main{display:block;max-width:960px;margin:0 auto;padding:30px 30px 60px}
h1{font-size:48px;line-height:1.04;margin:0 0 30px}
h2{font-size:36px;line-height:1.11;margin:0 0 20px}
h3{font-size:24px;line-height:1.25;margin:30px 0 15px}
p{margin:0 0 20px}
ul{margin:0 0 20px;padding-left:20px}
li{margin-bottom:5px}
.pack-caption{display:block;font-size:24px;color:#505a5f;margin:0 0 5px}
.pack-part{margin-top:60px}
.pack-list{margin:0 0 30px}
.pack-row{display:flex;border-bottom:1px solid #b1b4b6;padding:10px 0}
.pack-row>dt{flex:0 0 35%;font-weight:bold;padding-right:20px;margin:0}
.pack-row>dd{flex:1 1 auto;margin:0;min-width:0;white-space:pre-line;overflow-wrap:anywhere}
.pack-item{list-style:none;padding:0;margin:0}
.pack-item>li{white-space:pre-line}
.pack-label{font-weight:bold}
.pack-scroll{overflow-x:auto;margin-bottom:30px}
.pack-table{border-collapse:collapse;width:100%;font-size:16px}
.pack-table caption{text-align:left;font-weight:bold;font-size:19px;padding-bottom:10px}
.pack-table th,.pack-table td{text-align:left;vertical-align:top;border-bottom:1px solid #b1b4b6;padding:10px 20px 10px 0}
.pack-table td.pack-number{text-align:right;white-space:nowrap}
.pack-hash{font-family:"Courier New",monospace}
.pack-chart{margin:0 0 20px}
.pack-chart svg{display:block;max-width:100%;height:auto;margin-bottom:20px}
.pack-status{border-left:10px solid #00703c;padding:15px 20px;margin:0 0 30px;background:#ffffff}
.pack-status.pack-incomplete{border-left-color:#d4351c}
.pack-concern{border-left:5px solid #b1b4b6;padding:5px 0 5px 15px;margin:0 0 20px}
.pack-concern.pack-error{border-left-color:#d4351c}
.pack-concern p{margin:0 0 10px}
.pack-where{color:#505a5f}
.pack-parent{border:5px solid #1d70b8;padding:20px 25px 5px}
@media (max-width:640px){
 body{font-size:16px;line-height:1.25}
 main{padding:15px 15px 40px}
 h1{font-size:32px}
 h2{font-size:27px}
 h3{font-size:21px}
 .pack-caption{font-size:19px}
 .pack-row{display:block}
 .pack-row>dt{margin-bottom:5px}
 .pack-table{font-size:14px}
 .pack-parent{padding:15px 15px 5px}
}
@media print{
 @page{size:A4;margin:12mm 15mm 15mm}
 body{font-size:11pt;line-height:1.3}
 main{max-width:none;padding:0}
 h1{font-size:22pt;margin-bottom:12pt}
 h2{font-size:16pt;margin-bottom:8pt}
 h3{font-size:13pt;margin:12pt 0 6pt}
 p,ul{margin-bottom:8pt}
 .pack-caption{font-size:12pt}
 .pack-layout>thead{display:table-header-group}
 .pack-running{display:block;font-size:9pt;color:#505a5f;border-bottom:1px solid #b1b4b6;padding:0 0 2mm;margin:0 0 5mm}
 .pack-part{margin-top:0;break-before:page}
 .pack-part.pack-first{break-before:auto;margin-top:12pt}
 .pack-row>dt,.pack-item>li,.pack-concern,.pack-table tr,.pack-chart svg{break-inside:avoid}
 h2,h3,caption{break-after:avoid}
 .pack-table{font-size:9pt}
 .pack-table caption{font-size:11pt}
 .pack-scroll{overflow:visible}
 .pack-row{display:block}
 .pack-row::after{content:"";display:block;clear:both}
 .pack-row>dt{float:left;width:30%}
 .pack-row>dd{margin-left:32%}
}
"#;

/// A whole HTML document: `title` in the head, `running` (escaped already, or empty) as the
/// header of every printed page, `body` inside `<main>`.
pub fn document(title: &str, running: &str, body: &str) -> String {
    let head = if running.is_empty() {
        String::new()
    } else {
        format!(
            r#"<thead><tr><td><div class="pack-running" aria-hidden="true">{running}</div></td></tr></thead>"#
        )
    };
    format!(
        r#"<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>{STYLE}</style>
</head>
<body>
<table class="pack-layout" role="presentation">{head}<tbody><tr><td>
<main>
{body}
</main>
</td></tr></tbody></table>
</body>
</html>
"#,
        title = escape(title)
    )
}
