import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

/** Typed search attributes, so the Temporal UI and list queries can filter verifications. */
export const statusKey = defineSearchAttributeKey('ResetGateStatus', SearchAttributeType.KEYWORD);
export const outcomeKey = defineSearchAttributeKey('ResetGateOutcome', SearchAttributeType.KEYWORD);
export const targetUserKey = defineSearchAttributeKey('ResetGateTargetUser', SearchAttributeType.KEYWORD);
export const initiatedByKey = defineSearchAttributeKey('ResetGateInitiatedBy', SearchAttributeType.KEYWORD);

export const ALL_SEARCH_ATTRIBUTE_KEYS = [statusKey, outcomeKey, targetUserKey, initiatedByKey];
