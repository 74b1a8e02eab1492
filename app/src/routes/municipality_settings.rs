//! The administrator's settings page (`/personale/indstillinger`): the closure weeks a standard
//! leaves to each year, the message on the municipality's pages, and every change made.
use crate::components::form_errors::{ErrorSummary, FieldError};
use crate::components::loaded::Loaded;
use crate::context::current_lang;
use crate::domain::lang::Lang;
use crate::domain::time_format::{long_date, long_date_time};
use crate::errors::AppError;
use crate::functions::municipality_settings::{
    settings_page, SetClosureWeeks, SetMessage, SetPhoneHours, SettingsData,
};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn SettingsPage() -> impl IntoView {
    let lang = current_lang();
    let weeks = ServerAction::<SetClosureWeeks>::new();
    let message = ServerAction::<SetMessage>::new();
    let hours = ServerAction::<SetPhoneHours>::new();
    let err = Signal::derive(move || {
        weeks
            .value()
            .get()
            .and_then(Result::err)
            .or_else(|| message.value().get().and_then(Result::err))
            .or_else(|| hours.value().get().and_then(Result::err))
    });
    let saved = leptos_router::hooks::use_query_map()
        .get_untracked()
        .get("gemt")
        .is_some();
    view! {
        <Title text=lang.pick("Indstillinger – Personale – Træningsportalen", "Settings – Staff – Træningsportalen")/>
        {saved.then(|| view! { <div class="confirmation" role="status"><p>{lang.pick("Ændringen er gemt og gælder nu.", "The change is saved and applies now.")}</p></div> })}
        <ErrorSummary error=err/>
        <Loaded load=move || settings_page() show=move |d| settings_view(lang, d, SettingsForms { weeks, message, hours, err })/>
    }
}

#[derive(Clone, Copy)]
struct SettingsForms {
    weeks: ServerAction<SetClosureWeeks>,
    message: ServerAction<SetMessage>,
    hours: ServerAction<SetPhoneHours>,
    err: Signal<Option<AppError>>,
}

fn settings_view(lang: Lang, d: SettingsData, f: SettingsForms) -> AnyView {
    let SettingsForms {
        weeks,
        message,
        hours,
        err,
    } = f;
    let phone_hours = d
        .phone_hours
        .into_iter()
        .map(|h| {
            let heading_id = format!("telefontid-{}", h.rule_id);
            let labelled_by = heading_id.clone();
            let change = lang
                .choose(h.change_da, h.change_en)
                .unwrap_or_else(|| lang.pick("Ingen ændring nu eller de næste to uger.", "No change now or in the next two weeks.").into());
            view! {
                <section aria-labelledby=labelled_by>
                    <h2 id=heading_id>{format!("{} – {} ({})", lang.pick("Telefontid", "Phone hours"), h.unit, h.rule_id)}</h2>
                    <p>{format!("{} {}", lang.pick("Normalt:", "Usually:"), lang.pick(&h.usual_da, &h.usual_en))}</p>
                    <p>{change}</p>
                    <ActionForm action=hours>
                        <input type="hidden" name="rule" value=h.rule_id.clone()/>
                        <div class="field">
                            <label for="felt-fra">{lang.pick("Første dag", "First day")}</label>
                            <FieldError error=err field="felt-fra"/>
                            <input type="text" id="felt-fra" name="from" aria-describedby="felt-fra-fejl" value=typed_for(&h.rule_id, "from")/>
                        </div>
                        <div class="field">
                            <label for="felt-til">{lang.pick("Sidste dag", "Last day")}</label>
                            <FieldError error=err field="felt-til"/>
                            <input type="text" id="felt-til" name="to" aria-describedby="felt-til-fejl" value=typed_for(&h.rule_id, "to")/>
                        </div>
                        <fieldset class="field" id="felt-lukket">
                            <legend>{lang.pick("Telefonen i perioden", "The phone in the period")}</legend>
                            <FieldError error=err field="felt-lukket"/>
                            {way_choice(&h.rule_id, "closed", lang.pick("Telefonen er lukket hele perioden", "The phone is closed the whole period").into())}
                            {way_choice(&h.rule_id, "span", lang.pick("Åben kun i et tidsrum", "Open only for a time").into())}
                            {way_choice(&h.rule_id, "usual", lang.pick("Som normalt (fjerner eller retter en ændring)", "As usual (ends or corrects a change)").into())}
                        </fieldset>
                        <p class="hint" id="aabner-hint">{lang.pick("Åben kun i et tidsrum: telefonen er åben på de sædvanlige dage, men kun fra og til (fx 10.00 og 12.00).", "Open only for a time: the phone is open on the usual days, but only from and to (e.g. 10.00 and 12.00).")}</p>
                        <div class="field">
                            <label for="felt-aabner">{lang.pick("Åbner kl.", "Opens at")}</label>
                            <FieldError error=err field="felt-aabner"/>
                            <input type="text" id="felt-aabner" name="opens" aria-describedby="aabner-hint felt-aabner-fejl" value=typed_for(&h.rule_id, "opens")/>
                        </div>
                        <div class="field">
                            <label for="felt-lukker">{lang.pick("Lukker kl.", "Closes at")}</label>
                            <input type="text" id="felt-lukker" name="closes" aria-describedby="aabner-hint" value=typed_for(&h.rule_id, "closes")/>
                        </div>
                        <div class="field">
                            <label for="felt-note">{lang.pick("Besked til borgerne (valgfri), fx hvor de kan ringe i stedet", "Note to citizens (optional), e.g. where to call instead")}</label>
                            <FieldError error=err field="felt-note"/>
                            <input type="text" id="felt-note" name="note" class="input-wide" aria-describedby="felt-note-fejl" value=typed_for(&h.rule_id, "note")/>
                        </div>
                        <button type="submit" class="button">{lang.pick("Gem de ændrede telefontider", "Save the changed phone hours")}</button>
                    </ActionForm>
                </section>
            }
        })
        .collect_view();
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
                            <input type="text" inputmode="numeric" id="felt-aar" aria-describedby="felt-aar-fejl" name="year" value=typed_for(&c.rule_id, "year").unwrap_or_else(|| c.coming_year.to_string())/>
                        </div>
                        <div class="field">
                            <label for="felt-uger">{format!("{} {} {}", lang.pick("Ugenumre (ISO-uger), i alt", "Week numbers (ISO weeks), in all"), c.count, lang.pick("adskilt af komma", "separated by commas"))}</label>
                            <p class="hint" id="uger-hint">{lang.pick("Fx 28, 29, 30. Hver uge skal have en dag i måneden.", "E.g. 28, 29, 30. Each week must have a day in the month.")}</p>
                            <FieldError error=err field="felt-uger"/>
                            <input type="text" id="felt-uger" name="weeks" aria-describedby="uger-hint felt-uger-fejl" value=typed_for(&c.rule_id, "weeks")/>
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
        {phone_hours}
        <section aria-labelledby="besked">
            <h2 id="besked">{lang.pick("Besked på kommunens sider", "Message on the municipality's pages")}</h2>
            <p class="hint">{lang.pick("Vises for borgere og personale, fx at et træningscenter er lukket. Tom fjerner beskeden.", "Shown to citizens and staff, e.g. that a training centre is closed. Empty removes the message.")}</p>
            <ActionForm action=message>
                <div class="field">
                    <label for="felt-besked">{lang.pick("Besked", "Message")}</label>
                    <FieldError error=err field="felt-besked"/>
                    <textarea id="felt-besked" aria-describedby="felt-besked-fejl" name="text" rows="3" class="input-wide">{crate::components::textarea_text::in_textarea(&crate::context::typed("text").or(d.message).unwrap_or_default())}</textarea>
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

/// What was typed in the field `name` when the form for `rule` came back after a failed post.
/// Each rule's form has the same field names, so only the rule the post came from (its hidden
/// `rule`) shows them again.
fn typed_for(rule: &str, name: &str) -> Option<String> {
    crate::context::typed("rule")
        .filter(|posted| posted == rule)
        .and_then(|_| crate::context::typed(name))
}

/// One radio button for how the phone is in the period, as `choice` draws it, but chosen again
/// only in the form of the rule the failed post came from (`choice` would choose it in every
/// rule's form).
fn way_choice(rule: &str, value: &str, label: String) -> impl IntoView {
    let id = format!("way-{value}");
    let chosen = typed_for(rule, "way").is_some_and(|t| t == value);
    view! {
        <div class="checkbox">
            <input type="radio" id=id.clone() name="way" value=value.to_string() checked=chosen/>
            <label for=id>{label}</label>
        </div>
    }
}
