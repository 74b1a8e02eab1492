use crate::context::{current_lang, is_development};
use leptos::prelude::*;
use leptos_meta::Title;

/// Where "Log ind" leads. MitID sign-in through the OpenID Connect broker is configured per
/// deployment; in development the demo people can be used instead.
#[component]
pub fn SignIn() -> impl IntoView {
    let lang = current_lang();
    let dev = is_development().then(|| {
        view! {
            <h2>{lang.pick("Udviklingstilstand", "Development mode")}</h2>
            <p><a class="button" href="/dev/log-ind">{lang.pick("Log ind som demoperson", "Sign in as a demo person")}</a></p>
        }
    });
    view! {
        <Title text=lang.pick("Log ind – Træningsportalen", "Sign in – Træningsportalen")/>
        <h1>{lang.pick("Log ind", "Sign in")}</h1>
        <p>{lang.pick(
            "Du logger ind med MitID. Er du pårørende, logger du ind med dit eget MitID og vælger derefter, hvem du handler for.",
            "You sign in with MitID. If you are a relative, you sign in with your own MitID and then choose whom you act for.",
        )}</p>
        <p>{lang.pick(
            "Log ind med MitID er endnu ikke sat op på denne server. Kontakt din kommune, hvis du har brug for hjælp nu.",
            "Sign-in with MitID is not yet set up on this server. Contact your municipality if you need help now.",
        )}</p>
        {dev}
    }
}
