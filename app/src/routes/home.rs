use crate::context::{current_lang, current_viewer};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn Home() -> impl IntoView {
    let lang = current_lang();
    let next = match current_viewer() {
        Some(v) if v.is_staff() => view! {
            <p><a class="button" href="/personale">{lang.pick("Gå til personalesiden", "Go to the staff page")}</a></p>
        }
        .into_any(),
        Some(_) => view! {
            <p><a class="button" href="/oversigt">{lang.pick("Gå til din oversigt", "Go to your overview")}</a></p>
        }
        .into_any(),
        None => view! {
            <p><a class="button" href="/log-ind">{lang.pick("Log ind", "Sign in")}</a></p>
        }
        .into_any(),
    };
    view! {
        <Title text=lang.pick("Træningsportalen", "Træningsportalen")/>
        <h1>{lang.pick("Vedligeholdende træning", "Maintenance training")}</h1>
        <p class="lead">{lang.pick(
            "Her kan du følge din træning hos kommunen. Du kan se dine tider og finde ud af, hvem du skal kontakte. Du kan også gøre det for en anden, hvis du har fuldmagt fra dem.",
            "Here you can follow your training course with the municipality, see your training sessions and find out whom to contact. You can also do it for someone who has given you power of attorney.",
        )}</p>
        {next}
        <h2>{lang.pick("Hvem kan bruge portalen?", "Who can use the portal?")}</h2>
        <p>{lang.pick(
            "Borgere i Vejen, Samsø, Brønderslev, Fredensborg og Mariagerfjord, som søger om eller får træning efter serviceloven § 86, stk. 2. Og deres pårørende, hvis de har fuldmagt.",
            "Citizens of the municipalities of Vejen, Samsø, Brønderslev, Fredensborg and Mariagerfjord who apply for or receive maintenance training under the Social Services Act § 86(2), and their relatives with power of attorney.",
        )}</p>
        <p><a href="/kommuner">{lang.pick("Se, hvordan du kontakter kommunen", "See how to contact the municipality")}</a></p>
    }
}
