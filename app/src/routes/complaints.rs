//! The citizen's complaint pages: complain about a decision (from its letter), complain about
//! the training or the staff, the list of complaints, and one complaint's status with every step,
//! its clocks, whose turn it is, and the answer after partial agreement.
use crate::components::clocks::clocks_view;
use crate::components::form_errors::{ErrorSummary, FieldError};
use crate::components::loaded::{id_param, Loaded};
use crate::context::current_lang;
use crate::domain::lang::Lang;
use crate::domain::time_format::{iso_local, long_date, long_date_time};
use crate::errors::AppError;
use crate::functions::complaints::{
    complaint_status, decision_complaint_form, my_complaints, service_complaint_form,
    AnswerPartialAgreement, DecisionComplaintData, ServiceComplaintData, SubmitDecisionComplaint,
    SubmitServiceComplaint,
};
use crate::views::complaints::{ComplaintSummary, ComplaintView, RouteView};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

fn route_view(lang: Lang, r: RouteView) -> impl IntoView {
    let ways = (!r.ways.is_empty()).then(|| view! { <br/>{r.ways.join(" · ")} });
    let web = r.web.map(|w| {
        let href = w.clone();
        view! { <br/><a href=href>{w}</a> }
    });
    view! {
        <p class="inset"><strong>{r.unit}</strong>{ways}{web}</p>
        <p class="hint">{lang.pick(
            "Du kan også klage skriftligt eller ved at ringe. En klage behøver ikke en begrundelse.",
            "You can also complain in writing or by phone. A complaint does not need reasons.",
        )}</p>
    }
}

/// The GEN-5 explanation of a late complaint, in plain words.
fn late_explanation(lang: Lang) -> impl IntoView {
    view! {
        <p>{lang.pick(
            "Klagefristen er overskredet. Du kan stadig klage, og kommunen behandler klagen. Den bliver markeret som måske for sent. Ankestyrelsen kan se bort fra en overskredet frist, hvis der er særlige grunde, fx at du har været alvorligt syg i hele perioden. Skriv gerne grunden i klagen.",
            "The complaint deadline has passed. You can still complain, and the municipality handles the complaint. It is marked as possibly late. Ankestyrelsen can disregard a missed deadline for special reasons, for example if you were seriously ill during the whole period. You are welcome to write the reason in the complaint.",
        )}</p>
    }
}

#[component]
pub fn DecisionComplaintPage() -> impl IntoView {
    let lang = current_lang();
    let id = id_param("id");
    let action = ServerAction::<SubmitDecisionComplaint>::new();
    let err = Signal::derive(move || action.value().get().and_then(Result::err));
    view! {
        <Title text=lang.pick("Klag over afgørelsen – Træningsportalen", "Complain about the decision – Træningsportalen")/>
        <h1>{lang.pick("Klag over afgørelsen", "Complain about the decision")}</h1>
        <ErrorSummary error=err/>
        <Loaded load=move || decision_complaint_form(id) show=move |f| decision_form(lang, f, action, err)/>
    }
}

fn decision_form(
    lang: Lang,
    f: DecisionComplaintData,
    action: ServerAction<SubmitDecisionComplaint>,
    err: Signal<Option<AppError>>,
) -> AnyView {
    if let Some(reference) = f.existing {
        return view! {
            <p>{lang.pick("Du har allerede klaget over denne afgørelse.", "You have already complained about this decision.")}</p>
            <p><a href=crate::paths::complaint(&reference)>{format!("{} {reference}", lang.pick("Se klagen", "See the complaint"))}</a></p>
        }
        .into_any();
    }
    if !f.appealable {
        return view! {
            <p>{lang.pick("Afgørelsen kan ikke påklages til en anden myndighed. Kontakt kommunen, hvis du har spørgsmål.", "The decision cannot be appealed to another authority. Contact the municipality if you have questions.")}</p>
        }
        .into_any();
    }
    let deadline_box = if f.late {
        view! {
            <div class="warning-text">
                <h2>{lang.pick("Fristen er overskredet", "The deadline has passed")}</h2>
                <p>{format!("{} ", lang.pick("Klagefristen var", "The complaint deadline was"))}<time datetime=iso_local(f.deadline)>{long_date_time(lang, f.deadline)}</time>"."</p>
                {late_explanation(lang)}
            </div>
        }
        .into_any()
    } else {
        view! {
            <div class="inset">
                <p class="deadline">
                    <strong>{lang.pick("Du kan klage til og med ", "You can complain until ")}</strong>
                    <time datetime=iso_local(f.deadline)>{long_date_time(lang, f.deadline)}</time>"."
                </p>
                <p><strong>{lang.pick(&f.days_left_da, &f.days_left_en).to_string()}</strong></p>
                <p class="hint">{lang.pick(&f.counted_text_da, &f.counted_text_en).to_string()}</p>
            </div>
        }
        .into_any()
    };
    view! {
        <p class="lead">{format!("{} {}", lang.pick("Klage fra", "Complaint from"), f.citizen_name)}</p>
        <dl class="facts">
            <dt>{lang.pick("Afgørelse", "Decision")}</dt>
            <dd><a href=crate::paths::decision(f.decision_id)>{format!("{} – {}", f.outcome.label(lang), long_date(lang, crate::domain::time_format::local_date(f.decided_at)))}</a></dd>
            <dt>{lang.pick("Fra", "From")}</dt>
            <dd>{f.municipality_name.clone()}</dd>
        </dl>
        {deadline_box}
        <h2>{lang.pick("Klagen sendes til", "The complaint goes to")}</h2>
        {route_view(lang, f.route)}
        <ActionForm action=action>
            <input type="hidden" name="decision" value=f.decision_id.to_string()/>
            <div class="field">
                <label for="felt-klage">{lang.pick("Hvad er du uenig i? (valgfrit)", "What do you disagree with? (optional)")}</label>
                <p class="hint" id="felt-klage-hjaelp">{lang.pick("Du behøver ikke at skrive noget. Kommunen ser på hele afgørelsen igen.", "You do not need to write anything. The municipality looks at the whole decision again.")}</p>
                <FieldError error=err field="felt-klage"/>
                <textarea id="felt-klage" name="body" rows="6" class="input-wide" aria-describedby="felt-klage-hjaelp felt-klage-fejl">{crate::components::textarea_text::in_textarea(&crate::context::typed("body").unwrap_or_default())}</textarea>
            </div>
            <button type="submit" class="button">{lang.pick("Send klagen", "Send the complaint")}</button>
        </ActionForm>
    }
    .into_any()
}

#[component]
pub fn ServiceComplaintPage() -> impl IntoView {
    let lang = current_lang();
    let action = ServerAction::<SubmitServiceComplaint>::new();
    let err = Signal::derive(move || action.value().get().and_then(Result::err));
    view! {
        <Title text=lang.pick("Klag over træningen – Træningsportalen", "Complain about the training – Træningsportalen")/>
        <h1>{lang.pick("Klag over træningen eller personalet", "Complain about the training or the staff")}</h1>
        <ErrorSummary error=err/>
        <Loaded load=move || service_complaint_form() show=move |f| service_form(lang, f, action, err)/>
    }
}

fn service_form(
    lang: Lang,
    f: ServiceComplaintData,
    action: ServerAction<SubmitServiceComplaint>,
    err: Signal<Option<AppError>>,
) -> impl IntoView {
    let silent = f.standard_silent.then(|| {
        view! { <p class="hint">{lang.pick("Kommunens kvalitetsstandard nævner ikke en bestemt enhed, så klagen går til kommunen.", "The municipality's quality standard names no particular unit, so the complaint goes to the municipality.")}</p> }
    });
    let patient = f.patient_complaints.map(|p| {
        view! {
            <section aria-labelledby="patientklager">
                <h2 id="patientklager">{lang.pick("Klager over den sundhedsfaglige behandling", "Complaints about the health-professional care")}</h2>
                <p>{lang.pick(
                    "Gælder klagen den sundhedsfaglige indsats, eller mener du, at dine rettigheder som patient er tilsidesat, kan du klage til Styrelsen for Patientklager. Terapeuterne er autoriserede sundhedspersoner. Den klage sender du selv til styrelsen, ikke her.",
                    "If the complaint is about the health-professional care, or you think your rights as a patient were disregarded, you can complain to Styrelsen for Patientklager (the Danish Patient Complaints Board). The therapists are authorised health professionals. You send that complaint to the board yourself, not here.",
                )}</p>
                {route_view(lang, p)}
            </section>
        }
    });
    let topics = f
        .topics
        .into_iter()
        .map(|(code, da, en)| {
            crate::components::decision_fields::choice(
                "topic",
                &code,
                lang.pick(&da, &en).to_string(),
                "",
            )
        })
        .collect_view();
    view! {
        <p class="lead">{format!("{} {} · {}", lang.pick("Klage fra", "Complaint from"), f.citizen_name, f.municipality_name)}</p>
        <p>{lang.pick("Der er ingen frist for at klage over træningen eller personalet.", "There is no deadline for complaining about the training or the staff.")}</p>
        <h2>{lang.pick("Klagen sendes til", "The complaint goes to")}</h2>
        {route_view(lang, f.route)}
        {silent}
        <ActionForm action=action>
            <fieldset class="field" id="felt-emne">
                <legend>{lang.pick("Hvad handler klagen om? (valgfrit)", "What is the complaint about? (optional)")}</legend>
                <FieldError error=err field="felt-emne"/>
                {topics}
            </fieldset>
            <div class="field">
                <label for="felt-klage">{lang.pick("Hvad vil du klage over?", "What do you want to complain about?")}</label>
                <FieldError error=err field="felt-klage"/>
                <textarea id="felt-klage" name="body" rows="6" class="input-wide" aria-describedby="felt-klage-fejl">{crate::components::textarea_text::in_textarea(&crate::context::typed("body").unwrap_or_default())}</textarea>
            </div>
            <button type="submit" class="button">{lang.pick("Send klagen", "Send the complaint")}</button>
        </ActionForm>
        {patient}
    }
}

#[component]
pub fn ComplaintsPage() -> impl IntoView {
    let lang = current_lang();
    view! {
        <Title text=lang.pick("Klager – Træningsportalen", "Complaints – Træningsportalen")/>
        <h1>{lang.pick("Klager", "Complaints")}</h1>
        <p>{lang.pick(
            "Vil du klage over en afgørelse, så åbn afgørelsen og vælg \"Klag over afgørelsen\". Der står fristen også.",
            "To complain about a decision, open the decision and choose \"Complain about the decision\". The deadline is shown there too.",
        )}</p>
        <p><a class="button button-secondary" href="/klage/traening">{lang.pick("Klag over træningen eller personalet", "Complain about the training or the staff")}</a></p>
        <Loaded load=move || my_complaints() show=move |list| complaints_list(lang, list, |r| crate::paths::complaint(r))/>
    }
}

/// A list of complaints, each linking to the page `link` makes from its reference; overdue
/// clocks are named.
pub fn complaints_list(
    lang: Lang,
    list: Vec<ComplaintSummary>,
    link: fn(&str) -> String,
) -> AnyView {
    if list.is_empty() {
        return view! { <p>{lang.pick("Der er ingen klager.", "There are no complaints.")}</p> }
            .into_any();
    }
    let items = list
        .into_iter()
        .map(|c| {
            let kind = if c.kind == crate::domain::complaints::Kind::Decision {
                lang.pick("Klage over afgørelse", "Complaint about a decision")
            } else {
                lang.pick("Klage over træningen", "Complaint about the training")
            };
            let by = c.next_by.map(|d| format!(" · {} {}", lang.pick("næste frist", "next deadline"), long_date(lang, d)));
            let late = c.possibly_late.then(|| view! { <span class="warning-inline">{lang.pick(" Måske for sent.", " Possibly late.")}</span> });
            let overdue_list = lang.choose(&c.overdue_da, &c.overdue_en);
            let overdue = (!overdue_list.is_empty()).then(|| {
                view! { <p class="overdue">{format!("{} {}", lang.pick("Overskredet:", "Overdue:"), overdue_list.join(", "))}</p> }
            });
            view! {
                <li>
                    <a href=link(&c.reference)>{format!("{} {}", kind, c.reference)}</a>
                    {format!(" · {} · {} {}", c.citizen_name, lang.pick("modtaget", "received"), long_date(lang, crate::domain::time_format::local_date(c.submitted_at)))}
                    <br/><strong>{lang.pick(&c.status_label_da, &c.status_label_en).to_string()}</strong>{by}{late}
                    {overdue}
                </li>
            }
        })
        .collect_view();
    view! { <ul class="consent-list">{items}</ul> }.into_any()
}

#[component]
pub fn ComplaintStatusPage() -> impl IntoView {
    let lang = current_lang();
    let reference = reference_param();
    let receipt = use_query_map().get_untracked().get("kvittering").is_some();
    let action = ServerAction::<AnswerPartialAgreement>::new();
    let err = Signal::derive(move || action.value().get().and_then(Result::err));
    view! {
        <Title text=lang.pick("Klage – Træningsportalen", "Complaint – Træningsportalen")/>
        <ErrorSummary error=err/>
        <Loaded load=move || complaint_status(reference.clone()) show=move |c| view! {
                    {complaint_view(lang, c.clone(), receipt)}
                    {answer_form(lang, &c, action, err)}
                }
                />
    }
}

fn receipt_view(lang: Lang, c: &ComplaintView) -> impl IntoView {
    let late = c.possibly_late.then(|| late_explanation(lang));
    view! {
        <div class="confirmation" role="status">
            <h2>{lang.pick("Klagen er sendt", "The complaint has been sent")}</h2>
            <p>{format!("{} {} {}.", c.route, lang.pick("modtog klagen", "received the complaint"), long_date_time(lang, c.submitted_at))}</p>
            <p>{lang.pick("Klagens nummer:", "The complaint's number:")}" "<span class="reference">{c.reference.clone()}</span></p>
            {c.emailed.then(|| view! { <p>{lang.pick("Vi har sendt en kvittering på e-mail.", "We have sent a receipt by email.")}</p> })}
            {late}
        </div>
    }
}

/// Every step so far, then the clocks and whose turn it is. Shown to the citizen and to staff;
/// `receipt` adds the confirmation just after the heading.
pub fn complaint_view(lang: Lang, c: ComplaintView, receipt: bool) -> impl IntoView {
    let receipt = receipt.then(|| receipt_view(lang, &c));
    let heading = if c.kind == crate::domain::complaints::Kind::Decision {
        lang.pick("Klage over afgørelse", "Complaint about a decision")
    } else {
        lang.pick("Klage over træningen", "Complaint about the training")
    };
    let decision = c.decision_id.map(|id| {
        view! { <dt>{lang.pick("Afgørelsen", "The decision")}</dt><dd><a href=crate::paths::decision(id)>{lang.pick("Læs afgørelsen, der er klaget over", "Read the decision complained about")}</a></dd> }
    });
    let deadline = c.deadline.map(|d| {
        view! {
            <dt>{lang.pick("Klagefrist", "Complaint deadline")}</dt>
            <dd><time datetime=iso_local(d)>{long_date_time(lang, d)}</time>
                {c.possibly_late.then(|| view! { <strong class="warning-inline">{lang.pick(" – klagen kom måske for sent", " – the complaint may be late")}</strong> })}
            </dd>
        }
    });
    let topic = lang
        .choose(c.topic_da.clone(), c.topic_en.clone())
        .map(|t| view! { <dt>{lang.pick("Emne", "Topic")}</dt><dd>{t}</dd> });
    let text = (!c.body.is_empty()).then(|| {
        view! { <dt>{lang.pick("Klagen", "The complaint")}</dt><dd class="own-words">{c.body.clone()}</dd> }
    });
    let events = c
        .events
        .into_iter()
        .map(|e| {
            let who = e.who.map(|w| format!(" ({w})"));
            let note = lang.choose(e.note_da, e.note_en);
            let note = (!note.is_empty()).then(|| format!(": {note}"));
            view! {
                <li class="step-done">
                    <time datetime=iso_local(e.at)>{long_date_time(lang, e.at)}</time>" – "
                    <strong>{lang.choose(e.text_da, e.text_en)}</strong>{note}{who}
                </li>
            }
        })
        .collect_view();
    let outcome = lang.choose(c.outcome_label_da.clone(), c.outcome_label_en.clone()).map(|o| {
        let new_decision = c.new_decision_id.map(|id| {
            view! { <p><a href=crate::paths::decision(id)>{lang.pick("Læs den nye afgørelse", "Read the new decision")}</a></p> }
        });
        let reasons = c.reassessment.clone().map(|r| view! { <p class="own-words">{r}</p> });
        view! {
            <section aria-labelledby="resultat">
                <h2 id="resultat">{lang.pick("Kommunens genvurdering", "The municipality's re-assessment")}</h2>
                <p><strong>{o}</strong></p>
                {reasons}
                {new_decision}
            </section>
        }
    });
    let answer = c.answer.clone().map(|a| {
        view! {
            <section aria-labelledby="svar">
                <h2 id="svar">{lang.pick("Kommunens svar", "The municipality's answer")}</h2>
                <p class="own-words">{a}</p>
            </section>
        }
    });
    let maintain = c.maintain_deadline.map(|d| {
        view! {
            <p class="deadline"><strong>{lang.pick("Du skal svare senest ", "You must answer by ")}</strong><time datetime=iso_local(d)>{long_date_time(lang, d)}</time>"."</p>
        }
    });
    let clocks = (!c.clocks.is_empty()).then(|| {
        view! {
            <section aria-labelledby="frister">
                <h2 id="frister">{lang.pick("Frister", "Deadlines")}</h2>
                {clocks_view(lang, c.clocks)}
            </section>
        }
    });
    let next = format!(
        "{}{}{}",
        lang.choose(c.next_actor_da.clone(), c.next_actor_en.clone())
            .map(|a| format!("{a}: "))
            .unwrap_or_default(),
        lang.pick(&c.next_text_da, &c.next_text_en),
        c.next_by
            .map(|d| format!(" {} {}.", lang.pick("Senest", "By"), long_date(lang, d)))
            .unwrap_or_default()
    );
    view! {
        <h1>{heading}</h1>
        <p class="lead">{format!("{} {} · {}", lang.pick("Klage nr.", "Complaint no."), c.reference, c.citizen_name)}</p>
        {receipt}
        <dl class="facts">
            <dt>{lang.pick("Status", "Status")}</dt><dd><strong>{lang.pick(&c.status_label_da, &c.status_label_en).to_string()}</strong></dd>
            <dt>{lang.pick("Sendt til", "Sent to")}</dt><dd>{c.route}</dd>
            {decision}
            {deadline}
            {topic}
            {text}
        </dl>
        <section aria-labelledby="naeste">
            <h2 id="naeste">{lang.pick("Hvad sker der nu?", "What happens now?")}</h2>
            <p>{next}</p>
            {maintain}
        </section>
        {outcome}
        {answer}
        {clocks}
        <section aria-labelledby="forloeb">
            <h2 id="forloeb">{lang.pick("Det er sket", "What has happened")}</h2>
            <ol class="timeline">{events}</ol>
        </section>
    }
}

fn answer_form(
    lang: Lang,
    c: &ComplaintView,
    action: ServerAction<AnswerPartialAgreement>,
    err: Signal<Option<AppError>>,
) -> Option<AnyView> {
    let reference = c.reference.clone();
    if c.may_withdraw {
        return Some(view! {
            <section aria-labelledby="dit-svar">
                <h2 id="dit-svar">{lang.pick("Træk klagen tilbage", "Withdraw the complaint")}</h2>
                <p>{lang.pick(
                    "Du behøver ikke gøre noget: den del af klagen, du ikke fik medhold i, sendes til Ankestyrelsen. Er du tilfreds med den nye afgørelse, kan du trække klagen tilbage.",
                    "You need not do anything: the part of the complaint you were not given your way on is sent to Ankestyrelsen. If you are satisfied with the new decision, you can withdraw the complaint.",
                )}</p>
                <ActionForm action=action>
                    <input type="hidden" name="reference" value=reference/>
                    <input type="hidden" name="answer" value="withdraw"/>
                    <button type="submit" class="button button-secondary">{lang.pick("Træk klagen tilbage", "Withdraw the complaint")}</button>
                </ActionForm>
            </section>
        }.into_any());
    }
    if !c.may_answer {
        return None;
    }
    Some(view! {
        <section aria-labelledby="dit-svar">
            <h2 id="dit-svar">{lang.pick("Dit svar", "Your answer")}</h2>
            <ActionForm action=action>
                <input type="hidden" name="reference" value=reference/>
                <fieldset class="field" id="felt-svar">
                    <legend>{lang.pick("Fastholder du klagen?", "Do you maintain the complaint?")}</legend>
                    <FieldError error=err field="felt-svar"/>
                    {crate::components::decision_fields::choice("answer", "maintain", lang.pick("Ja, jeg fastholder klagen. Send den til Ankestyrelsen.", "Yes, I maintain the complaint. Send it to Ankestyrelsen.").into(), "")}
                    {crate::components::decision_fields::choice("answer", "withdraw", lang.pick("Nej, jeg er tilfreds med den nye afgørelse og trækker klagen tilbage.", "No, I am satisfied with the new decision and withdraw the complaint.").into(), "")}
                </fieldset>
                <button type="submit" class="button">{lang.pick("Send svaret", "Send the answer")}</button>
            </ActionForm>
        </section>
    }.into_any())
}

/// The reference from the route, for the staff page.
pub fn reference_param() -> String {
    use_params_map()
        .get_untracked()
        .get("reference")
        .unwrap_or_default()
}
