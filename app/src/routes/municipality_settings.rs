//! The administrator's settings page (`/personale/indstillinger`): the closure weeks a standard
//! leaves to each year, the message on the municipality's pages, and every change made.
use crate::components::form_errors::{ErrorSummary, FieldError};
use crate::components::loaded::Loaded;
use crate::context::current_lang;
use crate::domain::lang::Lang;
use crate::domain::time_format::{long_date, long_date_time};
use crate::errors::AppError;
use crate::functions::municipality_settings::{
    settings_page, SetClosureWeeks, SetMessage, SettingsData,
};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn SettingsPage() -> impl IntoView {
    let lang = current_lang();
    let weeks = ServerAction::<SetClosureWeeks>::new();
    let message = ServerAction::<SetMessage>::new();
    let err = Signal::derive(move || {
        weeks
            .value()
            .get()
            .and_then(Result::err)
            .or_else(|| message.value().get().and_then(Result::err))
    });
    let saved = leptos_router::hooks::use_query_map()
        .get_untracked()
        .get("gemt")
        .is_some();
    view! {
        <Title text=lang.pick("Indstillinger – Personale – Træningsportalen", "Settings – Staff – Træningsportalen")/>
        {saved.then(|| view! { <div class="confirmation" role="status"><p>{lang.pick("Ændringen er gemt og gælder nu.", "The change is saved and applies now.")}</p></div> })}
        <ErrorSummary error=err/>
        <Loaded load=move || settings_page() show=move |d| settings_view(lang, d, weeks, message, err)/>
    }
}

fn settings_view(
    lang: Lang,
    d: SettingsData,
    weeks: ServerAction<SetClosureWeeks>,
    message: ServerAction<SetMessage>,
    err: Signal<Option<AppError>>,
) -> AnyView {
    let closures = d
        .closures
        .into_iter()
        .map(|c| {
            let set = if c.years.is_empty() {
                view! { <p>{lang.pick("Ingen år er fastsat endnu.", "No year is set yet.")}</p> }.into_any()
            } else {
                view! {
                    <ul>{c.years.iter().map(|(y, w)| {
                        let days = w.iter().filter_map(|n| crate::domain::closure_weeks::monday_of(*y, *n)).map(|mo| long_date(lang, mo)).collect::<Vec<_>>().join(", ");
                        view! { <li>{format!("{y}: {} {} ({} {days})", lang.pick("uge", "weeks"), w.iter().map(u32::to_string).collect::<Vec<_>>().join(", "), lang.pick("mandagene", "the Mondays"))}</li> }
                    }).collect_view()}</ul>
                }
                .into_any()
            };
            let heading_id = format!("lukning-{}", c.rule_id);
            let labelled_by = heading_id.clone();
            let heading = format!("{} ({})", lang.pick("Lukkeuger", "Closure weeks"), c.rule_id);
            view! {
                <section aria-labelledby=labelled_by>
                    <h2 id=heading_id>{heading}</h2>
                    <blockquote lang="da">{c.source.clone()}</blockquote>
                    {set}
                    <ActionForm action=weeks>
                        <input type="hidden" name="rule" value=c.rule_id.clone()/>
                        <div class="field">
                            <label for="felt-aar">{lang.pick("År", "Year")}</label>
                            <FieldError error=err field="felt-aar"/>
                            <input type="text" inputmode="numeric" id="felt-aar" aria-describedby="felt-aar-fejl" name="year" value=c.coming_year.to_string()/>
                        </div>
                        <div class="field">
                            <label for="felt-uger">{format!("{} {} {}", lang.pick("Ugenumre (ISO-uger), i alt", "Week numbers (ISO weeks), in all"), c.count, lang.pick("adskilt af komma", "separated by commas"))}</label>
                            <p class="hint" id="uger-hint">{lang.pick("Fx 28, 29, 30. Hver uge skal have en dag i måneden.", "E.g. 28, 29, 30. Each week must have a day in the month.")}</p>
                            <FieldError error=err field="felt-uger"/>
                            <input type="text" id="felt-uger" name="weeks" aria-describedby="uger-hint felt-uger-fejl"/>
                        </div>
                        <button type="submit" class="button">{lang.pick("Gem lukkeugerne", "Save the closure weeks")}</button>
                    </ActionForm>
                </section>
            }
        })
        .collect_view();
    let changes = d
        .changes
        .into_iter()
        .map(|c| view! { <li>{format!("{} – {} ({})", long_date_time(lang, c.at), c.what, c.by)}</li> })
        .collect_view();
    view! {
        <h1>{format!("{} – {}", lang.pick("Indstillinger", "Settings"), d.municipality_name)}</h1>
        <p>{lang.pick(
            "Det, kvalitetsstandarden overlader til kommunen at fastsætte hvert år. Ændringer gælder med det samme for booking og planlægning.",
            "What the quality standard leaves to the municipality to set each year. Changes apply at once to booking and planning.",
        )}</p>
        {closures}
        <section aria-labelledby="besked">
            <h2 id="besked">{lang.pick("Besked på kommunens sider", "Message on the municipality's pages")}</h2>
            <p class="hint">{lang.pick("Vises for borgere og personale, fx at et træningscenter er lukket. Tom fjerner beskeden.", "Shown to citizens and staff, e.g. that a training centre is closed. Empty removes the message.")}</p>
            <ActionForm action=message>
                <div class="field">
                    <label for="felt-besked">{lang.pick("Besked", "Message")}</label>
                    <FieldError error=err field="felt-besked"/>
                    <textarea id="felt-besked" aria-describedby="felt-besked-fejl" name="text" rows="3" class="input-wide">{d.message.unwrap_or_default()}</textarea>
                </div>
                <button type="submit" class="button">{lang.pick("Gem beskeden", "Save the message")}</button>
            </ActionForm>
        </section>
        <section aria-labelledby="aendringer">
            <h2 id="aendringer">{lang.pick("Ændringer", "Changes")}</h2>
            <ul>{changes}</ul>
        </section>
    }
    .into_any()
}
