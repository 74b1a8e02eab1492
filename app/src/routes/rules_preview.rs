//! "Regeleftervisning" for staff: type the facts, see what a municipality's rules answer, with
//! the rule id and the standard's phrase. Plain GET forms, so it works without JavaScript and
//! every answer has its own address.
use crate::components::loaded::error_view;
use crate::context::current_lang;
use crate::domain::booking::Finding;
use crate::domain::lang::Lang;
use crate::domain::time_format::long_date;
use crate::functions::rules_preview::{
    rules_preview, FieldError, PreviewAnswer, PreviewData, PreviewQuery,
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn RulesPreview() -> impl IntoView {
    let lang = current_lang();
    let query = use_query_map().with_untracked(|m| {
        let pairs: Vec<(String, String)> = m
            .clone()
            .into_iter()
            .map(|(k, v)| (k.to_string(), v))
            .collect();
        PreviewQuery::from_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())))
    });
    let q = query.clone();
    let data = Resource::new(|| (), move |_| rules_preview(q.clone()));
    let body = move || {
        let query = query.clone();
        Suspend::new(async move {
            match data.await {
                Ok(d) => preview_view(lang, query, d).into_any(),
                Err(e) => error_view(e),
            }
        })
    };
    view! {
        <Title text=lang.pick("Regeleftervisning – Træningsportalen", "Rules preview – Træningsportalen")/>
        <Suspense fallback=|| ()>{body}</Suspense>
    }
}

/// What the forms have in common: a question, a municipality and a submit button.
struct PreviewContext {
    lang: Lang,
    query: PreviewQuery,
    data: PreviewData,
}

impl PreviewContext {
    fn error_for(&self, field: &str) -> Option<String> {
        self.data
            .errors
            .iter()
            .find(|e| e.field == field)
            .map(|e| self.lang.pick(&e.da, &e.en).to_string())
    }

    /// A labelled input with its hint and error, keeping what was typed.
    fn input(
        &self,
        q: &str,
        name: &'static str,
        input_type: &'static str,
        label: &str,
        hint: Option<&str>,
        value: &str,
    ) -> AnyView {
        let id = format!("{q}-{name}");
        let error = (self.query.q == q).then(|| self.error_for(name)).flatten();
        let hint_id = format!("{id}-hint");
        let error_id = format!("{id}-error");
        let described = [
            hint.map(|_| hint_id.clone()),
            error.as_ref().map(|_| error_id.clone()),
        ]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ");
        let step = (input_type == "datetime-local").then_some("1");
        let invalid = error.is_some().then_some("true");
        let class = if error.is_some() {
            "field field-invalid"
        } else {
            "field"
        };
        view! {
            <div class=class>
                <label for=id.clone()>{label.to_string()}</label>
                {hint.map(|h| view! { <p class="hint" id=hint_id.clone()>{h.to_string()}</p> })}
                {error.map(|e| field_error(self.lang, &error_id, e))}
                <input
                    id=id
                    name=name
                    type=input_type
                    step=step
                    value=value.to_string()
                    aria-describedby=(!described.is_empty()).then_some(described)
                    aria-invalid=invalid
                />
            </div>
        }
        .into_any()
    }

    fn municipality_select(&self, q: &str) -> AnyView {
        let id = format!("{q}-kommune");
        let options = self
            .data
            .municipalities
            .iter()
            .map(|(slug, name)| {
                let selected = *slug == self.data.kommune;
                view! { <option value=slug.clone() selected=selected>{name.clone()}</option> }
            })
            .collect_view();
        view! {
            <div class="field">
                <label for=id.clone()>{self.lang.pick("Kommune", "Municipality")}</label>
                <select id=id name="kommune">{options}</select>
            </div>
        }
        .into_any()
    }

    fn select(
        &self,
        q: &str,
        name: &'static str,
        label: &str,
        options: Vec<(&'static str, String)>,
        value: &str,
    ) -> AnyView {
        let id = format!("{q}-{name}");
        let error = (self.query.q == q).then(|| self.error_for(name)).flatten();
        let error_id = format!("{id}-error");
        let options = options
            .into_iter()
            .map(|(code, text)| view! { <option value=code selected=code == value>{text}</option> })
            .collect_view();
        let class = if error.is_some() {
            "field field-invalid"
        } else {
            "field"
        };
        view! {
            <div class=class>
                <label for=id.clone()>{label.to_string()}</label>
                {error.clone().map(|e| field_error(self.lang, &error_id, e))}
                <select id=id name=name aria-describedby=error.map(|_| error_id.clone())>{options}</select>
            </div>
        }
        .into_any()
    }

    /// One question's section: its form and, if it was the one asked, the answer.
    fn section(&self, q: &'static str, heading: &str, fields: Vec<AnyView>) -> AnyView {
        let lang = self.lang;
        let answer = (self.query.q == q).then(|| answer_view(lang, &self.data));
        view! {
            <section aria-labelledby=format!("{q}-heading") class="preview">
                <h2 id=format!("{q}-heading")>{heading.to_string()}</h2>
                <form method="get" action=format!("/personale/regler#{q}-svar")>
                    <input type="hidden" name="q" value=q/>
                    {self.municipality_select(q)}
                    {fields}
                    <button type="submit" class="button">{lang.pick("Beregn", "Work it out")}</button>
                </form>
                {answer.map(|a| view! { <div id=format!("{q}-svar") class="answer">{a}</div> })}
            </section>
        }
        .into_any()
    }
}

/// A field's error message, announced as an error and tied to the field by its id.
fn field_error(lang: Lang, id: &str, text: String) -> impl IntoView {
    view! {
        <p class="field-error" id=id.to_string()>
            <span class="visually-hidden">{lang.pick("Fejl: ", "Error: ")}</span>{text}
        </p>
    }
}

fn preview_view(lang: Lang, query: PreviewQuery, data: PreviewData) -> impl IntoView {
    let summary = error_summary(lang, &query.q, &data.errors);
    let c = PreviewContext { lang, query, data };
    let qy = c.query.clone();
    // What was typed, in the form that was sent; the other forms start empty.
    let v = |form: &str, typed: &String| {
        if qy.q == form {
            typed.clone()
        } else {
            String::new()
        }
    };
    let anchors: Vec<(&'static str, String)> = vec![
        (
            "application_received",
            lang.pick("Ansøgningen er modtaget", "Application received")
                .into(),
        ),
        (
            "first_contact",
            lang.pick(
                "Første kontakt til borgeren",
                "First contact with the citizen",
            )
            .into(),
        ),
        (
            "visitation",
            lang.pick("Visitation eller vurdering", "Visitation or assessment")
                .into(),
        ),
        (
            "referral_received",
            lang.pick("Henvisningen er modtaget", "Referral received")
                .into(),
        ),
        (
            "pre_exam",
            lang.pick("Forundersøgelse", "Pre-examination").into(),
        ),
    ];
    let forms: Vec<(&'static str, String)> = vec![
        ("team", lang.pick("Holdtræning", "Team training").into()),
        (
            "individual",
            lang.pick("Individuel træning", "Individual training")
                .into(),
        ),
    ];
    let dt_hint = lang.pick(
        "Dansk tid, fx 2026-03-10T12:00.",
        "Danish time, e.g. 2026-03-10T12:00.",
    );
    let sections = vec![
        c.section(
            "afbud",
            lang.pick("Afbud: er det rettidigt?", "Cancelling: is it on time?"),
            vec![
                c.input(
                    "afbud",
                    "session",
                    "datetime-local",
                    lang.pick("Træningen begynder", "The session starts"),
                    Some(dt_hint),
                    &v("afbud", &qy.session),
                ),
                c.input(
                    "afbud",
                    "at",
                    "datetime-local",
                    lang.pick("Afbuddet kommer", "The cancellation arrives"),
                    Some(dt_hint),
                    &v("afbud", &qy.at),
                ),
            ],
        ),
        c.section(
            "klage",
            lang.pick(
                "Klagefrist for en afgørelse",
                "Complaint deadline for a decision",
            ),
            vec![
                c.input(
                    "klage",
                    "received",
                    "datetime-local",
                    lang.pick(
                        "Borgeren modtog afgørelsen",
                        "The citizen received the decision",
                    ),
                    Some(dt_hint),
                    &v("klage", &qy.received),
                ),
                c.input(
                    "klage",
                    "letter_date",
                    "date",
                    lang.pick(
                        "Eller: sendt som brev med datoen",
                        "Or: sent as a letter dated",
                    ),
                    None,
                    &v("klage", &qy.letter_date),
                ),
                c.input(
                    "klage",
                    "handed_over",
                    "date",
                    lang.pick(
                        "Eller: udleveret personligt den",
                        "Or: handed over in person on",
                    ),
                    None,
                    &v("klage", &qy.handed_over),
                ),
                c.input(
                    "klage",
                    "submitted",
                    "datetime-local",
                    lang.pick("Klagen kom (valgfrit)", "The complaint came (optional)"),
                    Some(dt_hint),
                    &v("klage", &qy.submitted),
                ),
            ],
        ),
        c.section(
            "klagebehandling",
            lang.pick(
                "Kommunens frister efter en klage",
                "The municipality's deadlines after a complaint",
            ),
            vec![
                c.input(
                    "klagebehandling",
                    "complaint_received",
                    "datetime-local",
                    lang.pick(
                        "Kommunen modtog klagen",
                        "The municipality received the complaint",
                    ),
                    Some(dt_hint),
                    &v("klagebehandling", &qy.complaint_received),
                ),
                c.input(
                    "klagebehandling",
                    "complaint_maintained",
                    "datetime-local",
                    lang.pick(
                        "Borgeren fastholdt klagen efter delvist medhold (valgfrit)",
                        "The citizen maintained the complaint after partial agreement (optional)",
                    ),
                    Some(dt_hint),
                    &v("klagebehandling", &qy.complaint_maintained),
                ),
            ],
        ),
        c.section(
            "frister",
            lang.pick("Servicefrister i en sag", "Service deadlines in a case"),
            vec![
                c.select(
                    "frister",
                    "anchor",
                    lang.pick("Fristen regnes fra", "The deadline runs from"),
                    anchors,
                    &qy.anchor,
                ),
                c.input(
                    "frister",
                    "anchor_at",
                    "datetime-local",
                    lang.pick("Hvornår skete det?", "When did it happen?"),
                    Some(dt_hint),
                    &v("frister", &qy.anchor_at),
                ),
            ],
        ),
        c.section(
            "booking",
            lang.pick("Kan træningen ligge her?", "Can a session be held then?"),
            vec![
                c.select(
                    "booking",
                    "form",
                    lang.pick("Træningsform", "Form of training"),
                    forms,
                    &qy.form,
                ),
                c.input(
                    "booking",
                    "start",
                    "datetime-local",
                    lang.pick("Træningen begynder", "The session starts"),
                    Some(dt_hint),
                    &v("booking", &qy.start),
                ),
                c.input(
                    "booking",
                    "minutes",
                    "number",
                    lang.pick("Varighed i minutter", "Length in minutes"),
                    None,
                    &if qy.q == "booking" {
                        qy.minutes.clone()
                    } else {
                        "60".to_string()
                    },
                ),
                c.input(
                    "booking",
                    "course_start",
                    "date",
                    lang.pick(
                        "Forløbets første træning (valgfrit)",
                        "The course's first session (optional)",
                    ),
                    None,
                    &v("booking", &qy.course_start),
                ),
                c.input(
                    "booking",
                    "booked_in_week",
                    "number",
                    lang.pick(
                        "Borgerens andre tider samme uge (valgfrit)",
                        "The citizen's other sessions that week (optional)",
                    ),
                    None,
                    &v("booking", &qy.booked_in_week),
                ),
                c.input(
                    "booking",
                    "plan_per_week",
                    "number",
                    lang.pick(
                        "Gange om ugen i borgerens plan (valgfrit)",
                        "Sessions a week in the citizen's plan (optional)",
                    ),
                    None,
                    &v("booking", &qy.plan_per_week),
                ),
            ],
        ),
    ];
    view! {
        <h1>{lang.pick("Regeleftervisning", "Rules preview")}</h1>
        <p class="lead">{lang.pick(
            "Skriv oplysningerne, og se hvad kommunens regler giver – de samme svar som borgerne og regel-API'et får.",
            "Type the facts and see what the municipality's rules give – the same answers citizens and the rules API get.",
        )}</p>
        {summary}
        {sections}
    }
}

fn error_summary(lang: Lang, q: &str, errors: &[FieldError]) -> Option<AnyView> {
    if errors.is_empty() {
        return None;
    }
    let items = errors
        .iter()
        .map(|e| view! { <li><a href=format!("#{q}-{}", e.field)>{lang.pick(&e.da, &e.en).to_string()}</a></li> })
        .collect_view();
    Some(
        view! {
            <div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex="-1">
                <h2 id="error-summary-title">{lang.pick("Der er et problem", "There is a problem")}</h2>
                <ul>{items}</ul>
            </div>
        }
        .into_any(),
    )
}

fn verdict(lang: Lang, ok: bool, yes: (&str, &str), no: (&str, &str)) -> impl IntoView {
    let (text, class) = if ok {
        (lang.pick(yes.0, yes.1), "verdict verdict-ok")
    } else {
        (lang.pick(no.0, no.1), "verdict verdict-no")
    };
    view! { <p class=class><strong>{text.to_string()}</strong></p> }
}

fn rule_line(
    lang: Lang,
    rule_id: &str,
    source: Option<&str>,
    reading: Option<&str>,
) -> impl IntoView {
    view! {
        {source.map(|s| view! { <blockquote lang="da">{format!("“{s}”")}</blockquote> })}
        {reading.map(|r| view! { <p>{lang.pick("Sådan læser vi reglen: ", "How we read the rule: ")}<span lang="da">{r.to_string()}</span></p> })}
        <p class="rule-id">{lang.pick("Regel: ", "Rule: ")}{rule_id.to_string()}</p>
    }
}

fn findings(lang: Lang, heading: &str, list: &[Finding]) -> Option<AnyView> {
    (!list.is_empty()).then(|| {
        let items = list
            .iter()
            .map(|f| view! { <li><p>{lang.pick(&f.text_da, &f.text_en).to_string()}</p>{rule_line(lang, &f.rule_id, Some(&f.source), None)}</li> })
            .collect_view();
        view! { <h4>{heading.to_string()}</h4><ul class="plain rules-list">{items}</ul> }.into_any()
    })
}

fn answer_view(lang: Lang, data: &PreviewData) -> AnyView {
    let notes = lang_list(lang, &data.notes_da, &data.notes_en);
    let body = match &data.answer {
        None => return view! { <span></span> }.into_any(),
        Some(PreviewAnswer::Cancellation(a)) => view! {
            {verdict(lang, a.on_time, ("Rettidigt afbud", "On time"), ("Sent afbud", "Late cancellation"))}
            <p>{lang.pick(&a.text_da, &a.text_en).to_string()}</p>
            {rule_line(lang, &a.rule_id, a.source.as_deref(), a.reading.as_deref())}
        }
        .into_any(),
        Some(PreviewAnswer::Complaint(a)) => view! {
            {a.on_time.map(|ok| verdict(lang, ok, ("Klagen er rettidig", "The complaint is in time"), ("Klagen er muligvis for sent", "The complaint may be late")))}
            <p>{lang.pick(&a.text_da, &a.text_en).to_string()}</p>
            <p>{match (a.counted_at, lang) {
                (crate::domain::municipality::ComplaintCountedAt::Sent, Lang::Da) => "Kommunen regner fristen fra, hvornår klagen blev sendt.",
                (crate::domain::municipality::ComplaintCountedAt::Sent, Lang::En) => "The municipality counts the deadline by when the complaint was sent.",
                (_, Lang::Da) => "Kommunen regner fristen fra, hvornår den modtog klagen.",
                (_, Lang::En) => "The municipality counts the deadline by when it received the complaint.",
            }}</p>
            {rule_line(lang, &a.rule_id, a.source.as_deref(), None)}
        }
        .into_any(),
        Some(PreviewAnswer::Clocks(list)) if list.is_empty() => view! {
            <p>{lang.pick("Kommunen har ingen frister, der regnes fra dette tidspunkt.", "The municipality has no deadlines running from this event.")}</p>
        }
        .into_any(),
        Some(PreviewAnswer::Clocks(list)) => {
            let items = list
                .iter()
                .map(|c| view! {
                    <li>
                        <h4>{lang.pick(&c.name_da, &c.name_en).to_string()}</h4>
                        <p>{lang.pick("Senest ", "By ")}<time datetime=c.due.to_string()>{long_date(lang, c.due)}</time>
                            {c.soft.then(|| lang.pick(" – et mål, ikke en frist", " – a goal, not a deadline"))}</p>
                        {rule_line(lang, &c.rule_id, Some(&c.source), c.reading.as_deref())}
                    </li>
                })
                .collect_view();
            view! { <ul class="plain rules-list">{items}</ul> }.into_any()
        }
        Some(PreviewAnswer::Bookable(b)) => view! {
            {verdict(lang, b.allowed, ("Tiden kan bruges", "The time can be used"), ("Tiden kan ikke bruges", "The time cannot be used"))}
            <p>{lang.pick(&b.text_da, &b.text_en).to_string()}</p>
            {findings(lang, lang.pick("Derfor ikke", "Why not"), &b.reasons)}
            {findings(lang, lang.pick("Advarsler", "Warnings"), &b.warnings)}
        }
        .into_any(),
    };
    let name = data
        .municipalities
        .iter()
        .find(|(slug, _)| *slug == data.kommune)
        .map(|(_, name)| name.clone())
        .unwrap_or_default();
    view! {
        <h3>{lang.pick("Svar", "Answer")}</h3>
        {notes}
        {body}
        <p><a href=crate::paths::rules(&data.kommune)>{format!("{} {name}", lang.pick("Alle regler for", "All rules for"))}</a></p>
    }
    .into_any()
}

fn lang_list(lang: Lang, da: &[String], en: &[String]) -> Option<AnyView> {
    let list = match lang {
        Lang::Da => da,
        Lang::En => en,
    };
    (!list.is_empty()).then(|| {
        list.iter()
            .map(|n| view! { <p class="note">{n.clone()}</p> })
            .collect_view()
            .into_any()
    })
}
