//! The warning before an idle session ends (WCAG 2.2.1): five minutes before, a dialog says so and
//! offers to stay signed in. Rendered by the server; a few lines of plain script
//! (`public/session-timeout.js`, served under a content-hashed name) count the time down and
//! show it, so a signed-in page carries no wasm. Without JavaScript the page works the same: the
//! warning shows when the page was made within its last five minutes, and "Bliv logget ind" is
//! a form post that marks the session active and returns to the page.
use crate::domain::lang::Lang;
use crate::functions::session::KeepAlive;
use leptos::prelude::*;

/// Shown this many seconds before the session ends.
const WARN_BEFORE: i64 = 5 * 60;

#[component]
pub fn SessionTimeout(seconds_left: i64, extendable: bool, lang: Lang) -> impl IntoView {
    let minutes = (seconds_left + 59) / 60;
    let text_one = lang.pick(
        "Du bliver logget ud om {m} minut af sikkerhedshensyn.",
        "You will be signed out in {m} minute for your security.",
    );
    let text_many = lang.pick(
        "Du bliver logget ud om {m} minutter af sikkerhedshensyn.",
        "You will be signed out in {m} minutes for your security.",
    );
    let text_out = lang.pick(
        "Du er blevet logget ud, fordi du ikke har været aktiv i et stykke tid. Log ind igen for at fortsætte.",
        "You have been signed out because you have not been active for a while. Sign in again to continue.",
    );
    let hidden = seconds_left > WARN_BEFORE;
    let text = if minutes == 1 { text_one } else { text_many }.replace("{m}", &minutes.to_string());
    let stay = extendable.then(|| {
        let keep_alive = ServerAction::<KeepAlive>::new();
        view! {
            <ActionForm action=keep_alive>
                <button type="submit" class="button">{lang.pick("Bliv logget ind", "Stay signed in")}</button>
            </ActionForm>
        }
    });
    let save = (!extendable).then(|| {
        view! {
            <p class="session-warning-save">{lang.pick("Gem det, du er i gang med.", "Save what you are working on.")}</p>
        }
    });
    view! {
        <div
            id="session-warning"
            class="session-warning"
            role="alertdialog"
            aria-labelledby="session-warning-title"
            aria-describedby="session-warning-text"
            hidden=hidden
            data-seconds-left=seconds_left
            data-warn-before=WARN_BEFORE
            data-text-one=text_one
            data-text-many=text_many
            data-text-out=text_out
        >
            <h2 id="session-warning-title" tabindex="-1">
                {lang.pick("Er du stadig her?", "Are you still there?")}
            </h2>
            <p id="session-warning-text">{text}</p>
            {stay}
            {save}
            <p class="session-warning-again" hidden>
                <a href="/log-ind">{lang.pick("Log ind igen", "Sign in again")}</a>
            </p>
        </div>
        <script src=crate::assets::path("session-timeout.js") defer></script>
    }
}
