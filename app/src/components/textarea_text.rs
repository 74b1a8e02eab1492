//! The text inside a `<textarea>`. Leptos 0.8 (tachys 0.2) writes a textarea's children as they
//! are, unescaped, so a text holding `</textarea>` would end the field early (and what follows
//! would be markup on the page), and `&amp;` would come back as `&`. Every textarea's text goes
//! through [`in_textarea`]; the test in `typed_back.rs` (server tests) fails if Leptos starts
//! escaping it too.

/// `text` escaped for the inside of a `<textarea>` (`&`, `<` and `>`).
pub fn in_textarea(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_and_entities_stay_text() {
        assert_eq!(
            in_textarea("Trapper & </textarea><b>x</b> &amp; æøå"),
            "Trapper &amp; &lt;/textarea&gt;&lt;b&gt;x&lt;/b&gt; &amp;amp; æøå"
        );
    }
}
