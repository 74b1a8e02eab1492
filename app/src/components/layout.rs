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
    let links = viewer.as_ref().map(|v| {
        let links = if let ViewerKind::Staff(role) = v.kind {
            let mut links = vec![
                ("/personale", lang.pick("Personale", "Staff")),
                (
                    "/personale/regler",
                    lang.pick("Regeleftervisning", "Rules preview"),
                ),
                ("/personale/forloeb", lang.pick("Forløb", "Courses")),
                ("/personale/beskeder", lang.pick("Beskeder", "Messages")),
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
                (
                    "/besked",
                    lang.pick("Sådan får du besked", "How you are told"),
                ),
            ];
            // Messages: the citizen, and a relative whose power carries the messages scope.
            let writes = v
                .subject_citizen()
                .is_some_and(|c| v.may(c, crate::domain::people::Scope::Messages));
            if writes {
                links.insert(3, ("/beskeder", lang.pick("Beskeder", "Messages")));
            }
            // The log is the citizen's own: a relative acting for someone does not see it.
            if v.kind == ViewerKind::Citizen {
                links.push(("/min-log", lang.pick("Min log", "My log")));
            }
            links
        };
        links
    });
    let nav = move || {
        let links = links.clone().unwrap_or_default();
        view! {
            <nav aria-label=lang.pick("Hovedmenu", "Main menu")>
                <ul class="nav-list">
                    <li><A href="/">{lang.pick("Forside", "Home")}</A></li>
                    {links
                        .into_iter()
                        .map(|(href, label)| view! { <li><A href=href>{label}</A></li> })
                        .collect_view()}
                    <li><A href="/kommuner">{lang.pick("Kommuner og kontakt", "Municipalities and contact")}</A></li>
                </ul>
            </nav>
        }
    };
    // `with_acting`: the narrow menu shows "Du handler for" above it instead.
    let who = {
        let viewer = viewer.clone();
        move |with_acting: bool| {
            viewer.clone().map(|v| {
                let role = match &v.kind {
                    ViewerKind::Staff(r) => Some(r.label(lang).to_string()),
                    _ => None,
                };
                let acting = match (&v.kind, &v.acting_for) {
                    (ViewerKind::Relative, Some(a)) if with_acting => Some(view! {
                        <p class="acting-for">
                            {lang.pick("Du handler for ", "You are acting for ")}<strong>{a.name.clone()}</strong>
                            {" "}<a href="/handler-for">{lang.pick("Skift person", "Switch person")}</a>
                        </p>
                    }),
                    _ => None,
                };
                let sign_out = ServerAction::<SignOut>::new();
                let sign_out_everywhere = ServerAction::<SignOutEverywhere>::new();
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
                    </div>
                }
            })
        }
    };
    let timeout =
        viewer
            .as_ref()
            .and_then(|_| current_session_left())
            .map(|(seconds, extendable)| {
                view! { <SessionTimeout seconds_left=seconds extendable=extendable lang=lang/> }
            });
    // On a narrow screen the menu and the account actions of a signed-in person fold into
    // "Menu" (a details element: no script), so the page's heading is in the first screen; on
    // a wide one they show as they are. Only one of the two is displayed (the other is
    // display: none, so screen readers meet the menu once).
    let narrow = viewer.as_ref().map(|v| {
        let acting = v.acting_for.as_ref().filter(|_| v.kind == ViewerKind::Relative).map(|a| {
            view! {
                <p class="acting-for">
                    {lang.pick("Du handler for ", "You are acting for ")}<strong>{a.name.clone()}</strong>
                    {" "}<a href="/handler-for">{lang.pick("Skift person", "Switch person")}</a>
                </p>
            }
        });
        view! {
            <div class="wrap menu-narrow">
                {acting}
                <details>
                    <summary>{lang.pick("Menu og log ud", "Menu and sign out")}</summary>
                    {nav()}
                    {who(false)}
                </details>
            </div>
        }
    });
    let wide_class = if viewer.is_some() {
        "wrap header-row menu-wide"
    } else {
        "wrap header-row"
    };
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
            <div class=wide_class>
                {nav()}
                {who(true)}
            </div>
            {narrow}
            {timeout}
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
