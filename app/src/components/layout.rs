//! Skip link, header (municipality, who is signed in, for whom they act, language) and footer.
use crate::components::session_timeout::SessionTimeout;
use crate::context::{current_lang, current_session_left, current_viewer, municipality_name};
use crate::domain::people::{StaffRole, ViewerKind};
use crate::functions::session::{SetLanguage, SignOut, SignOutEverywhere};
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn SkipLink() -> impl IntoView {
    let lang = current_lang();
    view! { <a class="skip-link" href="#indhold">{lang.pick("Gå til indhold", "Skip to content")}</a> }
}

#[component]
pub fn Header() -> impl IntoView {
    let lang = current_lang();
    let viewer = current_viewer();
    let municipality = viewer
        .as_ref()
        .and_then(|v| v.municipality.clone())
        .map(|m| municipality_name(&m));
    let nav = viewer.as_ref().map(|v| {
        let links = if let ViewerKind::Staff(role) = v.kind {
            let mut links = vec![
                ("/personale", lang.pick("Personale", "Staff")),
                (
                    "/personale/regler",
                    lang.pick("Regeleftervisning", "Rules preview"),
                ),
                ("/personale/forloeb", lang.pick("Forløb", "Courses")),
                (
                    "/personale/rapport",
                    lang.pick("Servicemål", "Service levels"),
                ),
            ];
            if role == StaffRole::Admin {
                links.push((
                    "/personale/indstillinger",
                    lang.pick("Indstillinger", "Settings"),
                ));
            }
            if role != StaffRole::Therapist {
                links.push(("/personale/opgaver", lang.pick("Opgaver", "Tasks")));
                links.push((
                    "/personale/ansoegninger",
                    lang.pick("Ansøgninger", "Applications"),
                ));
                links.push(("/personale/klager", lang.pick("Klager", "Complaints")));
                links.push((
                    "/personale/modtag",
                    lang.pick("Registrér henvendelse", "Register an enquiry"),
                ));
                links.push((
                    "/personale/partshoeringer",
                    lang.pick("Partshøringer", "Hearings"),
                ));
                links.push((
                    "/personale/fuldmagter",
                    lang.pick("Registrer fuldmagt", "Register power of attorney"),
                ));
            }
            links
        } else {
            let mut links = vec![
                ("/oversigt", lang.pick("Oversigt", "Overview")),
                ("/traening", lang.pick("Træning", "Training")),
                ("/klager", lang.pick("Klager", "Complaints")),
                ("/fuldmagter", lang.pick("Fuldmagter", "Powers of attorney")),
                ("/samtykker", lang.pick("Samtykker", "Consents")),
            ];
            // The log is the citizen's own: a relative acting for someone does not see it.
            if v.kind == ViewerKind::Citizen {
                links.push(("/min-log", lang.pick("Min log", "My log")));
            }
            links
        };
        links
            .into_iter()
            .map(|(href, label)| view! { <li><A href=href>{label}</A></li> })
            .collect_view()
    });
    let who = viewer.map(|v| {
        let role = match &v.kind {
            ViewerKind::Staff(r) => Some(r.label(lang).to_string()),
            _ => None,
        };
        let acting = match (&v.kind, &v.acting_for) {
            (ViewerKind::Relative, Some(a)) => Some(view! {
                <p class="acting-for">
                    {lang.pick("Du handler for ", "You are acting for ")}<strong>{a.name.clone()}</strong>
                    {" "}<a href="/handler-for">{lang.pick("Skift person", "Switch person")}</a>
                </p>
            }),
            _ => None,
        };
        let sign_out = ServerAction::<SignOut>::new();
        let sign_out_everywhere = ServerAction::<SignOutEverywhere>::new();
        let timeout = current_session_left().map(|(seconds, extendable)| {
            view! { <SessionTimeout seconds_left=seconds extendable=extendable lang_code=lang.code().to_string()/> }
        });
        view! {
            <div class="who">
                <p>
                    {lang.pick("Logget ind som ", "Signed in as ")}<strong>{v.name.clone()}</strong>
                    {role.map(|r| format!(" ({r})"))}
                </p>
                {acting}
                <ActionForm action=sign_out>
                    <button type="submit" class="link-button">{lang.pick("Log ud", "Sign out")}</button>
                </ActionForm>
                <ActionForm action=sign_out_everywhere>
                    <button type="submit" class="link-button">{lang.pick("Log ud på alle enheder", "Sign out on all devices")}</button>
                </ActionForm>
                {timeout}
            </div>
        }
    });
    let other = lang.other();
    let set_language = ServerAction::<SetLanguage>::new();
    view! {
        <header class="site-header">
            <div class="wrap header-row">
                <div class="brand-block">
                    <a class="brand" href="/">"Træningsportalen"</a>
                    {municipality.map(|m| view! { <span class="municipality">{m}</span> })}
                </div>
                <ActionForm action=set_language attr:class="language-switch">
                    <input type="hidden" name="lang" value=other.code()/>
                    <button type="submit" lang=other.code()>
                        {other.own_name()}
                    </button>
                </ActionForm>
            </div>
            <div class="wrap header-row">
                <nav aria-label=lang.pick("Hovedmenu", "Main menu")>
                    <ul class="nav-list">
                        <li><A href="/">{lang.pick("Forside", "Home")}</A></li>
                        {nav}
                        <li><A href="/kommuner">{lang.pick("Kommuner og kontakt", "Municipalities and contact")}</A></li>
                    </ul>
                </nav>
                {who}
            </div>
        </header>
    }
}

#[component]
pub fn Footer() -> impl IntoView {
    let lang = current_lang();
    let rules_link = current_viewer().and_then(|v| v.municipality).map(|slug| {
        let name = municipality_name(&slug);
        view! {
            <p>
                <a href=crate::paths::rules(&slug)>
                    {format!("{} {name}", lang.pick("Regler for vedligeholdende træning i", "Rules for maintenance training in"))}
                </a>
            </p>
        }
    });
    view! {
        <footer class="site-footer">
            <div class="wrap">
                <p>
                    {lang.pick(
                        "Træningsportalen: vedligeholdende træning efter serviceloven § 86, stk. 2.",
                        "Træningsportalen: maintenance training under the Danish Social Services Act § 86(2).",
                    )}
                </p>
                {rules_link}
                <p><a href="/kommuner">{lang.pick("Alle kommuners regler og kontaktoplysninger", "All municipalities' rules and contact details")}</a></p>
            </div>
        </footer>
    }
}
