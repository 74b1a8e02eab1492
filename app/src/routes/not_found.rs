use crate::context::{current_lang, set_status};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn NotFound() -> impl IntoView {
    let lang = current_lang();
    set_status(404);
    view! {
        <Title text=lang.pick("Siden findes ikke – Træningsportalen", "Page not found – Træningsportalen")/>
        <h1>{lang.pick("Siden findes ikke", "Page not found")}</h1>
        <p>{lang.pick(
            "Vi kan ikke finde den side, du leder efter. Måske er adressen skrevet forkert, eller siden er flyttet.",
            "We cannot find the page you are looking for. The address may be mistyped, or the page may have moved.",
        )}</p>
        <p><a href="/">{lang.pick("Gå til forsiden", "Go to the front page")}</a></p>
    }
}
