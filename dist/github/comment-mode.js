/**
 * When to post or update the sticky PR comment (the `comment` input). Pure.
 */
import { COMMENT_MODES } from '../config/action.js';
export { COMMENT_MODES };
/** True when `value` is one of {@link COMMENT_MODES}. */
export function isCommentMode(value) {
    return typeof value === 'string' && COMMENT_MODES.includes(value);
}
/**
 * Whether to create or update the sticky comment.
 *
 * | mode            | posts a new comment when          | updates an existing comment |
 * |-----------------|-----------------------------------|-----------------------------|
 * | `always`        | every run                         | every run                   |
 * | `on-change`     | verdict is not `pass`             | every run                   |
 * | `on-regression` | verdict is `regression`           | every run                   |
 * | `never`         | never                             | never                       |
 *
 * An existing comment is always kept current (except with `never`), so a fixed regression turns the
 * stale "regression" comment into a "pass" one instead of leaving it misleading. Updating an
 * unchanged body costs nothing: `upsertStickyComment` sends no request then.
 *
 * @param hasPreviousComment whether our sticky comment for this key already exists (`findStickyComment`)
 */
export function shouldComment(mode, verdict, hasPreviousComment) {
    switch (mode) {
        case 'always':
            return true;
        case 'never':
            return false;
        case 'on-change':
            return verdict !== 'pass' || hasPreviousComment;
        case 'on-regression':
            return verdict === 'regression' || hasPreviousComment;
    }
}
