//! Klagevejledning for each part of a decision, generated from the municipality's rules and
//! never typed by hand (GEN-1, GEN-5). A part that is fully granted needs none (Fvl § 25); a part
//! the law makes final says so (MAR-18: transport under SEL § 117, T28).
use super::lang::Lang;
use super::municipality::{ComplaintCountedAt, Municipality};
use serde::{Deserialize, Serialize};

/// What a part of a decision is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DecisionSubject {
    /// Maintenance training under SEL § 86, stk. 2.
    Training,
    /// Transport to the training under SEL § 117.
    TransportSel117,
}

impl DecisionSubject {
    /// What a standard's "cannot be appealed" means for this part, in plain words.
    pub fn not_appealable(self, lang: Lang) -> &'static str {
        match self {
            DecisionSubject::Training => lang.pick(
                "Afgørelsen om vedligeholdende træning kan ikke påklages til en anden offentlig myndighed.",
                "The decision on maintenance training cannot be appealed to another public authority.",
            ),
            DecisionSubject::TransportSel117 => lang.pick(
                "Afgørelsen om befordring efter servicelovens § 117 kan ikke påklages til en anden offentlig myndighed.",
                "The decision on transport under section 117 of the Social Services Act cannot be appealed to another public authority.",
            ),
        }
    }
}

crate::coded! {
    /// What a decision (or a part of it) says.
    pub enum DecisionOutcome {
        Granted = "granted",
        PartlyGranted = "partly_granted",
        Refused = "refused",
        /// A course ended by a termination decision after a hearing (GEN-1, GEN-2).
        Terminated = "terminated",
    }
}

impl DecisionOutcome {
    /// The outcome in words, as a heading or a list shows it.
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            DecisionOutcome::Granted => lang.pick("Bevilget", "Granted"),
            DecisionOutcome::PartlyGranted => lang.pick("Delvist bevilget", "Partly granted"),
            DecisionOutcome::Refused => lang.pick("Afslag", "Refused"),
            DecisionOutcome::Terminated => lang.pick("Forløbet afsluttes", "The course ends"),
        }
    }

    /// Whether the decision grants training, and so starts a course (or carries one on).
    pub fn grants_training(self) -> bool {
        matches!(
            self,
            DecisionOutcome::Granted | DecisionOutcome::PartlyGranted
        )
    }
}

/// A kind of decision the municipality's standard says cannot be appealed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NotAppealable {
    pub subject: DecisionSubject,
    pub rule_id: String,
    pub source: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Guidance {
    /// Fvl § 25: required unless the part is fully granted (it may still be shown).
    pub required: bool,
    pub appealable: bool,
    pub rule_id: String,
    pub paragraphs_da: Vec<String>,
    pub paragraphs_en: Vec<String>,
}

impl Guidance {
    /// The guidance for a decision made under `law`, which it names first (GEN-10: the law
    /// actually applied, serviceloven or ældreloven). The route is the same under both: the
    /// municipality, then Ankestyrelsen (RULES.md GEN-10 expects retssikkerhedsloven to apply to
    /// ældreloven too; the portal reads it so, which costs the citizen no route).
    pub fn under(mut self, law: &str) -> Guidance {
        self.paragraphs_da
            .insert(0, format!("Afgørelsen er truffet efter {law}."));
        self.paragraphs_en
            .insert(0, format!("The decision is made under {law}."));
        self
    }

    pub fn paragraphs(&self, lang: Lang) -> &[String] {
        match lang {
            Lang::Da => &self.paragraphs_da,
            Lang::En => &self.paragraphs_en,
        }
    }
}

/// The guidance for one part of a decision.
pub fn complaint_guidance(
    m: &Municipality,
    subject: DecisionSubject,
    outcome: DecisionOutcome,
) -> Guidance {
    let required = outcome != DecisionOutcome::Granted;
    let k = &m.rules.complaint;
    if let Some(n) = k.not_appealable.iter().find(|n| n.subject == subject) {
        return Guidance {
            required,
            appealable: false,
            rule_id: n.rule_id.clone(),
            paragraphs_da: vec![format!(
                "{} Du er velkommen til at kontakte {} med spørgsmål.",
                subject.not_appealable(Lang::Da),
                m.name
            )],
            paragraphs_en: vec![format!(
                "{} You are welcome to contact {} with questions.",
                subject.not_appealable(Lang::En),
                m.name
            )],
        };
    }
    let contact = |rule: &Option<String>| {
        rule.as_deref()
            .and_then(|id| m.contacts.iter().find(|c| c.rule_id == id))
    };
    let recipient = contact(&k.contact).map_or_else(|| m.name.clone(), reach);
    let (must_da, must_en) = match k.counted_at {
        ComplaintCountedAt::Received => (
            "Kommunen skal have modtaget din klage",
            "The municipality must have received your complaint",
        ),
        ComplaintCountedAt::Sent => (
            "Du skal have sendt din klage",
            "You must have sent your complaint",
        ),
    };
    // Every other route the standard names: the training or the staff (VEJ-16, BRS-22, FRB-28,
    // MAR-20), and health-professional care (VEJ-17).
    let service = contact(&k.service_contact).map(|c| {
        (
            format!("Vil du klage over selve træningen eller personalet, er det ikke en klage over afgørelsen. Den kan du sende til {} eller her i portalen. Der er ingen frist.", reach(c)),
            format!("A complaint about the training itself or the staff is not a complaint about the decision. You can send it to {} or here in the portal. There is no deadline.", reach(c)),
        )
    });
    let patient = contact(&k.patient_complaints_contact).map(|c| {
        (
            format!("Klager over den sundhedsfaglige behandling eller over tilsidesættelse af dine patientrettigheder går til {}.", reach(c)),
            format!("Complaints about the health-professional care or about your patient rights being disregarded go to {}.", reach(c)),
        )
    });
    let other_routes: Vec<(String, String)> = service.into_iter().chain(patient).collect();
    let mut g = Guidance {
        required,
        appealable: true,
        rule_id: k.rule_id.clone(),
        paragraphs_da: vec![
            format!("Du kan klage over afgørelsen til {recipient}. Du kan klage her i portalen, skriftligt eller mundtligt, og du behøver ikke at begrunde klagen."),
            format!("{must_da} senest {} uger efter, at du har modtaget afgørelsen. Falder den sidste dag på en lørdag, søndag eller helligdag, er fristen den næste hverdag. Portalen viser dig datoen.", k.weeks),
            "Kommunen vurderer afgørelsen igen. Fastholder kommunen afgørelsen, sender den din klage videre til Ankestyrelsen senest 4 uger efter, at den har modtaget klagen.".into(),
        ],
        paragraphs_en: vec![
            format!("You can complain about the decision to {recipient}. You can complain here in the portal, in writing or orally, and you do not need to give reasons."),
            format!("{must_en} no later than {} weeks after you received the decision. If the last day is a Saturday, Sunday or public holiday, the deadline is the next working day. The portal shows you the date.", k.weeks),
            "The municipality looks at the decision again. If it upholds the decision, it sends your complaint on to Ankestyrelsen no later than 4 weeks after receiving it.".into(),
        ],
    };
    for (da, en) in other_routes {
        g.paragraphs_da.push(da);
        g.paragraphs_en.push(en);
    }
    g
}

/// A contact with the ways to reach it: "Unit (phone, email, address, web)".
fn reach(c: &super::municipality::Contact) -> String {
    let ways: Vec<&str> = [
        c.phone.as_deref(),
        c.email.as_deref(),
        c.address.as_deref(),
        c.web.as_deref(),
    ]
    .into_iter()
    .flatten()
    .collect();
    if ways.is_empty() {
        c.unit.clone()
    } else {
        format!("{} ({})", c.unit, ways.join(", "))
    }
}
