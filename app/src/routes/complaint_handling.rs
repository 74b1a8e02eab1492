//! The municipality's complaints: the inbox (open ones by the next deadline, overdue ones named)
//! and one complaint with its forms: the outcome of the re-assessment (a new decision for full or
//! partial agreement), the day it was sent to Ankestyrelsen, or the answer to a complaint about
//! the training.
use crate::components::decision_fields::{choice, plan_fields};
use crate::components::form_errors::{ErrorSummary, FieldError};
use crate::components::loaded::Loaded;
use crate::context::current_lang;
use crate::domain::lang::Lang;
use crate::errors::AppError;
use crate::functions::complaint_handling::{
    complaint_inbox, AnswerServiceComplaint, RecordForwarding, SettleComplaint,
};
use crate::functions::complaints::complaint_status;
use crate::routes::complaints::{complaint_view, complaints_list, reference_param};
use crate::views::complaints::{ComplaintView, StaffSide};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn ComplaintInboxPage() -> impl IntoView {
    let lang = current_lang();
    view! {
        <Title text=lang.pick("Klager – Personale – Træningsportalen", "Complaints – Staff – Træningsportalen")/>
        <h1>{lang.pick("Klager", "Complaints")}</h1>
        <p>{lang.pick(
            "Klager over afgørelser står øverst efter den næste frist. En overskredet frist står med rødt.",
            "Complaints about decisions are listed by the next deadline. A missed deadline is shown in red.",
        )}</p>
        <Loaded load=move || complaint_inbox() show=move |list| {
                    let (closed, open): (Vec<_>, Vec<_>) = list.into_iter().partition(|c| c.closed);
                    view! {
                        <h2>{lang.pick("Åbne klager", "Open complaints")}</h2>
                        {complaints_list(lang, open, |r| crate::paths::staff_complaint(r))}
                        <h2>{lang.pick("Afsluttede og videresendte klager", "Closed and forwarded complaints")}</h2>
                        {complaints_list(lang, closed, |r| crate::paths::staff_complaint(r))}
                    }
                    .into_any()
                }/>
    }
}

#[component]
pub fn ComplaintCasePage() -> impl IntoView {
    let lang = current_lang();
    let reference = reference_param();
    let settle = ServerAction::<SettleComplaint>::new();
    let forward = ServerAction::<RecordForwarding>::new();
    let answer = ServerAction::<AnswerServiceComplaint>::new();
    let err = Signal::derive(move || {
        settle
            .value()
            .get()
            .and_then(Result::err)
            .or_else(|| forward.value().get().and_then(Result::err))
            .or_else(|| answer.value().get().and_then(Result::err))
    });
    view! {
        <Title text=lang.pick("Klage – Personale – Træningsportalen", "Complaint – Staff – Træningsportalen")/>
        <ErrorSummary error=err/>
        <Loaded load=move || complaint_status(reference.clone()) show=move |c| {
                    let forms = c
                        .staff
                        .clone()
                        .map(|s| staff_forms(lang, &c, s, settle, forward, answer, err));
                    view! {
                        {complaint_view(lang, c, false)}
                        {forms}
                        <p><a href="/personale/klager">{lang.pick("Tilbage til klagerne", "Back to the complaints")}</a></p>
                    }
                    .into_any()
                }/>
    }
}

fn staff_forms(
    lang: Lang,
    c: &ComplaintView,
    s: StaffSide,
    settle: ServerAction<SettleComplaint>,
    forward: ServerAction<RecordForwarding>,
    answer: ServerAction<AnswerServiceComplaint>,
    err: Signal<Option<AppError>>,
) -> impl IntoView {
    let reference = c.reference.clone();
    let settle_form = s.may_settle.then(|| {
        let reference = reference.clone();
        let d = s.draft.clone();
        let fields = plan_fields(lang, &s.forms, s.max_weeks, &d, err);
        view! {
            <section aria-labelledby="genvurdering">
                <h2 id="genvurdering">{lang.pick("Genvurdering", "Re-assessment")}</h2>
                <p class="hint">{lang.pick(
                    "Ved fuldt eller delvist medhold træffer du en ny afgørelse; klagevejledningen kommer med af sig selv. Fastholdes afgørelsen, skal klagen sendes til Ankestyrelsen.",
                    "For full or partial agreement you make a new decision; the complaint guidance is added by itself. If the decision is upheld, the complaint must go to Ankestyrelsen.",
                )}</p>
                <ActionForm action=settle>
                    <input type="hidden" name="reference" value=reference/>
                    <fieldset class="field" id="felt-resultat">
                        <legend>{lang.pick("Resultat", "Outcome")}</legend>
                        <FieldError error=err field="felt-resultat"/>
                        {choice("outcome", "full", lang.pick("Fuldt medhold – ny afgørelse", "Full agreement – new decision").into(), &d.outcome)}
                        {choice("outcome", "partial", lang.pick("Delvist medhold – ny afgørelse med klagevejledning", "Partial agreement – new decision with complaint guidance").into(), &d.outcome)}
                        {choice("outcome", "upheld", lang.pick("Afgørelsen fastholdes – klagen sendes til Ankestyrelsen", "The decision is upheld – the complaint goes to Ankestyrelsen").into(), &d.outcome)}
                    </fieldset>
                    <h3>{lang.pick("Den nye afgørelse (ved medhold)", "The new decision (on agreement)")}</h3>
                    {fields}
                    <div class="field">
                        <label for="felt-begrundelse">{lang.pick("Begrundelse (påkrævet ved delvist medhold og når afgørelsen fastholdes)", "Reasons (required for partial agreement and when the decision is upheld)")}</label>
                        <FieldError error=err field="felt-begrundelse"/>
                        <textarea id="felt-begrundelse" name="reasons" rows="6">{crate::components::textarea_text::in_textarea(&crate::context::typed("reasons").unwrap_or(d.reasons))}</textarea>
                    </div>
                    <button type="submit" class="button">{lang.pick("Gem genvurderingen", "Save the re-assessment")}</button>
                </ActionForm>
            </section>
        }
    });
    let forward_form = s.may_forward.then(|| {
        let reference = reference.clone();
        view! {
            <section aria-labelledby="videresend">
                <h2 id="videresend">{lang.pick("Sendt til Ankestyrelsen", "Sent to Ankestyrelsen")}</h2>
                <ActionForm action=forward>
                    <input type="hidden" name="reference" value=reference/>
                    <div class="field">
                        <label for="felt-sendt">{lang.pick("Dato, klagen blev sendt", "Date the complaint was sent")}</label>
                        <FieldError error=err field="felt-sendt"/>
                        <input type="date" id="felt-sendt" name="forwarded_on" value=crate::context::typed("forwarded_on").unwrap_or_else(|| s.today.to_string())/>
                    </div>
                    <button type="submit" class="button">{lang.pick("Registrér afsendelsen", "Record the sending")}</button>
                </ActionForm>
            </section>
        }
    });
    let answer_form = s.may_answer.then(|| {
        let reference = reference.clone();
        view! {
            <section aria-labelledby="besvar">
                <h2 id="besvar">{lang.pick("Svar borgeren", "Answer the citizen")}</h2>
                <ActionForm action=answer>
                    <input type="hidden" name="reference" value=reference/>
                    <div class="field">
                        <label for="felt-svar">{lang.pick("Svar", "Answer")}</label>
                        <FieldError error=err field="felt-svar"/>
                        <textarea id="felt-svar" name="answer" rows="6" class="input-wide">{crate::components::textarea_text::in_textarea(&crate::context::typed("answer").unwrap_or_default())}</textarea>
                    </div>
                    <button type="submit" class="button">{lang.pick("Send svaret", "Send the answer")}</button>
                </ActionForm>
            </section>
        }
    });
    view! { {settle_form}{forward_form}{answer_form} }
}
