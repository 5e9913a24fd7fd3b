package org.medpay.register;

import java.util.OptionalLong;

/**
 * The result of walking the hash chain.
 *
 * @param checked     records checked (up to and including the first broken one)
 * @param brokenAtSeq the first record whose link or content does not match; empty when the chain is intact
 * @param problem     what is wrong there: {@code CONTENT} (content no longer matches its hash: edited, or forged and put in), {@code LINK}
 *                    (previous hash does not match: a record before it was removed or put in), {@code GAP}
 *                    (sequence numbers skip: records were deleted)
 * @param headHash    the last record's hash when intact: print it on inspections to anchor the chain
 */
public record ChainVerification(long checked, OptionalLong brokenAtSeq, String problem, String headHash) {

    public boolean ok() {
        return brokenAtSeq.isEmpty();
    }
}
