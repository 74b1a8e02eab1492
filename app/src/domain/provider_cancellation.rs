//! What the municipality (the provider) may do when it cannot hold a session (T39): Brønderslev
//! may not cancel, only propose a new time the citizen accepts (BRS-15); Fredensborg cancels,
//! tells the citizen at once and offers an alternative (FRB-12). Where the standard is silent,
//! the session can be cancelled and the citizen is told at once.
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProviderCancellationKind {
    ProposeNewTimeOnly,
    CancelAndOfferAlternative,
}

/// The municipality's rule, as its file states it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProviderCancellationRule {
    pub kind: ProviderCancellationKind,
    pub rule_id: String,
    pub source: String,
}

/// What staff may do, and what must follow.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProviderOptions {
    /// Cancelling outright is allowed.
    pub may_cancel: bool,
    /// A new time may be proposed; the session moves only when the citizen accepts.
    pub may_propose_new_time: bool,
    /// The citizen is told at once.
    pub notify_at_once: bool,
    /// An alternative must be offered (a task for staff).
    pub must_offer_alternative: bool,
    /// The rule applied; None where the standard is silent.
    pub rule_id: Option<String>,
}

pub fn provider_options(rule: Option<&ProviderCancellationRule>) -> ProviderOptions {
    let rule_id = rule.map(|r| r.rule_id.clone());
    match rule.map(|r| r.kind) {
        Some(ProviderCancellationKind::ProposeNewTimeOnly) => ProviderOptions {
            may_cancel: false,
            may_propose_new_time: true,
            notify_at_once: true,
            must_offer_alternative: false,
            rule_id,
        },
        Some(ProviderCancellationKind::CancelAndOfferAlternative) => ProviderOptions {
            may_cancel: true,
            may_propose_new_time: true,
            notify_at_once: true,
            must_offer_alternative: true,
            rule_id,
        },
        None => ProviderOptions {
            may_cancel: true,
            may_propose_new_time: true,
            notify_at_once: true,
            must_offer_alternative: false,
            rule_id,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule(kind: ProviderCancellationKind, id: &str) -> ProviderCancellationRule {
        ProviderCancellationRule {
            kind,
            rule_id: id.into(),
            source: "…".into(),
        }
    }

    // T39 (BRS-15, FRB-12): provider cancellation.
    #[test]
    fn t39_broenderslev_refuses_fredensborg_offers_an_alternative() {
        let brs = provider_options(Some(&rule(
            ProviderCancellationKind::ProposeNewTimeOnly,
            "BRS-15",
        )));
        assert!(!brs.may_cancel, "Brønderslev's provider may not cancel");
        assert!(brs.may_propose_new_time);
        assert_eq!(brs.rule_id.as_deref(), Some("BRS-15"));
        let frb = provider_options(Some(&rule(
            ProviderCancellationKind::CancelAndOfferAlternative,
            "FRB-12",
        )));
        assert!(frb.may_cancel && frb.notify_at_once && frb.must_offer_alternative);
        let silent = provider_options(None);
        assert!(silent.may_cancel && silent.notify_at_once && !silent.must_offer_alternative);
        assert_eq!(silent.rule_id, None);
    }
}
