use crate::context::{current_lang, is_development, oidc_configured};
use crate::domain::sign_in::Refusal;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// Where "Log ind" leads: MitID for citizens and relatives, the municipality's own sign-in for
/// staff; in development the demo people as well. Plain links, so they work without JavaScript.
#[component]
pub fn SignIn() -> impl IntoView {
    let lang = current_lang();
    let (citizen, staff) = oidc_configured();
    // Carried on from an invitation link, so the person comes back to it after signing in.
    let til = return_to()
        .map(|t| format!("?til={}", urlencoding_path(&t)))
        .unwrap_or_default();
    let mitid_href = format!("/log-ind/mitid{til}");
    let dev_href = format!("/dev/log-ind{til}");
    let mitid = if citizen {
        view! { <p><a class="button" href=mitid_href>{lang.pick("Log ind med MitID", "Sign in with MitID")}</a></p> }.into_any()
    } else {
        view! { <p>{lang.pick(
            "Log ind med MitID er endnu ikke sat op på denne server. Kontakt din kommune, hvis du har brug for hjælp nu.",
            "Sign-in with MitID is not yet set up on this server. Contact your municipality if you need help now.",
        )}</p> }.into_any()
    };
    let staff = staff.then(|| {
        view! {
            <h2>{lang.pick("Medarbejder i kommunen", "Municipal staff")}</h2>
            <p><a href="/log-ind/medarbejder">{lang.pick("Log ind som medarbejder", "Sign in as staff")}</a></p>
        }
    });
    let dev = is_development().then(|| {
        view! {
            <h2>{lang.pick("Udviklingstilstand", "Development mode")}</h2>
            <p><a class="button" href=dev_href>{lang.pick("Log ind som demoperson", "Sign in as a demo person")}</a></p>
        }
    });
    view! {
        <Title text=lang.pick("Log ind – Træningsportalen", "Sign in – Træningsportalen")/>
        <h1>{lang.pick("Log ind", "Sign in")}</h1>
        <p>{lang.pick(
            "Du logger ind med MitID. Er du pårørende, logger du ind med dit eget MitID og vælger derefter, hvem du handler for.",
            "You sign in with MitID. If you are a relative, you sign in with your own MitID and then choose whom you act for.",
        )}</p>
        {mitid}
        {staff}
        {dev}
    }
}

/// Why a sign-in was refused, in plain words, with a way to try again. Nothing was signed in.
#[component]
pub fn SignInRefused() -> impl IntoView {
    let lang = current_lang();
    let refusal = use_query_map()
        .with_untracked(|q| q.get("grund"))
        .and_then(|c| Refusal::from_code(&c))
        .unwrap_or(Refusal::InvalidToken);
    #[cfg(feature = "ssr")]
    crate::context::set_status(match refusal {
        Refusal::AssuranceTooLow | Refusal::NoStaffAccess => 403,
        Refusal::ProviderUnavailable => 503,
        _ => 400,
    });
    view! {
        <Title text=format!("{} – Træningsportalen", refusal.heading(lang))/>
        <h1>{refusal.heading(lang)}</h1>
        <p>{refusal.explain(lang)}</p>
        <p><a class="button" href="/log-ind">{lang.pick("Prøv at logge ind igen", "Try signing in again")}</a></p>
        <p><a href="/kommuner">{lang.pick("Kontakt din kommune", "Contact your municipality")}</a></p>
    }
}

/// Percent-encodes what a query value cannot carry as is.
fn urlencoding_path(path: &str) -> String {
    path.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'/' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// `?til=`: the page to return to after signing in (an invitation link), when it is on this site.
pub fn return_to() -> Option<String> {
    use leptos_router::hooks::use_query_map;
    use_query_map()
        .get_untracked()
        .get("til")
        .filter(|t| crate::domain::sign_in::safe_return_path(t).is_some())
}
