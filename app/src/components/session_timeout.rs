//! The warning before an idle session ends (WCAG 2.2.1): five minutes before, a dialog says so and
//! offers to stay signed in. An island: without JavaScript there is no timer to show, and the
//! session simply ends after 30 idle minutes as the sign-in page says.
use crate::domain::lang::Lang;
use crate::functions::session::keep_alive;
use leptos::html;
use leptos::prelude::*;
use std::time::Duration;

/// Shown this many seconds before the session ends.
const WARN_BEFORE: i64 = 5 * 60;

#[island]
pub fn SessionTimeout(seconds_left: i64, extendable: bool, lang_code: String) -> impl IntoView {
    let lang = Lang::from_code(&lang_code);
    let left = RwSignal::new(seconds_left);
    let button = NodeRef::<html::Button>::new();
    let heading = NodeRef::<html::H2>::new();
    // Effects run in the browser only; the server renders the hidden warning.
    Effect::new(move |_| {
        set_interval(
            move || left.update(|s| *s = (*s - 1).max(0)),
            Duration::from_secs(1),
        )
    });
    let warning = Memo::new(move |_| left.get() <= WARN_BEFORE);
    // Move focus to the warning when it appears, so screen readers and keyboards find it.
    Effect::new(move |was: Option<bool>| {
        let now = warning.get();
        if now && was != Some(true) {
            if let Some(b) = button.get() {
                let _ = b.focus();
            } else if let Some(h) = heading.get() {
                let _ = h.focus();
            }
        }
        now
    });
    let minutes = move || (left.get() + 59) / 60;
    let stay = move |_| {
        leptos::task::spawn_local(async move {
            match keep_alive().await {
                Ok(Some(s)) => left.set(s),
                _ => left.set(0),
            }
        });
    };
    let text = move || {
        let m = minutes();
        match (left.get() == 0, lang) {
            (true, Lang::Da) => "Du er blevet logget ud, fordi du ikke har været aktiv i et stykke tid. Log ind igen for at fortsætte.".to_string(),
            (true, Lang::En) => "You have been signed out because you have not been active for a while. Sign in again to continue.".to_string(),
            (false, Lang::Da) => format!("Du bliver logget ud om {m} minut{} af sikkerhedshensyn.", if m == 1 { "" } else { "ter" }),
            (false, Lang::En) => format!("You will be signed out in {m} minute{} for your security.", if m == 1 { "" } else { "s" }),
        }
    };
    view! {
        <div
            class="session-warning"
            role="alertdialog"
            aria-labelledby="session-warning-title"
            aria-describedby="session-warning-text"
            hidden=move || !warning.get()
        >
            <h2 id="session-warning-title" tabindex="-1" node_ref=heading>
                {lang.pick("Er du stadig her?", "Are you still there?")}
            </h2>
            <p id="session-warning-text">{text}</p>
            {move || if left.get() == 0 {
                view! { <p><a href="/log-ind">{lang.pick("Log ind igen", "Sign in again")}</a></p> }.into_any()
            } else if extendable {
                view! { <button type="button" class="button" node_ref=button on:click=stay>{lang.pick("Bliv logget ind", "Stay signed in")}</button> }.into_any()
            } else {
                view! { <p>{lang.pick("Gem det, du er i gang med.", "Save what you are working on.")}</p> }.into_any()
            }}
        </div>
    }
}
