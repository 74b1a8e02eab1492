use crate::components::loaded::Loaded;
use crate::context::{current_lang, is_development};
use crate::domain::lang::Lang;
use crate::functions::dev::{demo_people, DemoPerson, DevSignIn as DevSignInFn};
use crate::routes::not_found::NotFound;
use crate::routes::sign_in::return_to;
use leptos::prelude::*;
use leptos_meta::Title;

fn role_label(lang: Lang, role: &str) -> &'static str {
    match role {
        "citizen" => lang.pick("Borger", "Citizen"),
        "relative" => lang.pick("Pårørende med fuldmagt", "Relative with power of attorney"),
        "visitator" => lang.pick("Visitator", "Caseworker"),
        "therapist" => lang.pick("Terapeut", "Therapist"),
        "admin" => lang.pick("Administrator", "Administrator"),
        _ => "",
    }
}

/// Development only: sign in as one of the demo people. In production this page is a 404.
#[component]
pub fn DevSignIn() -> impl IntoView {
    if !is_development() {
        return view! { <NotFound/> }.into_any();
    }
    let lang = current_lang();
    let til = return_to();
    view! {
        <Title text=lang.pick("Log ind som demoperson – Træningsportalen", "Sign in as a demo person – Træningsportalen")/>
        <h1>{lang.pick("Log ind som demoperson", "Sign in as a demo person")}</h1>
        <p>{lang.pick(
            "Denne side findes kun i udviklingstilstand. Vælg den person, du vil være.",
            "This page exists in development mode only. Choose the person you want to be.",
        )}</p>
        <Loaded load=demo_people show=move |list| municipalities_view(lang, list, til.clone())/>
    }
    .into_any()
}

fn municipalities_view(lang: Lang, people: Vec<DemoPerson>, til: Option<String>) -> impl IntoView {
    let mut groups: Vec<(String, Vec<DemoPerson>)> = Vec::new();
    for p in people {
        match groups.iter_mut().find(|(m, _)| *m == p.municipality_name) {
            Some((_, list)) => list.push(p),
            None => groups.push((p.municipality_name.clone(), vec![p])),
        }
    }
    groups
        .into_iter()
        .map(|(municipality, list)| {
            let items = list
                .into_iter()
                .map(|p| {
                    let action = ServerAction::<DevSignInFn>::new();
                    let role = role_label(lang, &p.role);
                    let acts_for = p.acts_for.map(|c| format!(" – {} {c}", lang.pick("for", "for")));
                    let til = til.clone().map(|t| view! { <input type="hidden" name="til" value=t/> });
                    view! {
                        <li>
                            <ActionForm action=action>
                                <input type="hidden" name="person" value=p.id.to_string()/>
                                {til}
                                <button type="submit">
                                    {format!("{} {}", lang.pick("Log ind som", "Sign in as"), p.name)}
                                </button>
                                <span class="role">{format!(" {role}")}{acts_for}</span>
                            </ActionForm>
                        </li>
                    }
                })
                .collect_view();
            view! {
                <section>
                    <h2>{municipality}</h2>
                    <ul class="plain demo-people">{items}</ul>
                </section>
            }
        })
        .collect_view()
}
