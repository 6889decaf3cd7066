package dev.poet.core.verify;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The samples one verification runs: valid argument arrays (Perceive must accept them), values of the return type
 * (Enforce must accept them), invalid argument arrays (nulls, NaN: Perceive may throw on them, but must not hang or
 * allocate without bound) and notes on what could not be sampled.
 *
 * @param valid       argument arrays that are valid inputs of the method
 * @param results     values of the return type for Enforce; for a void method one {@code null}; empty when none
 *                    could be made (Enforce is then not verified)
 * @param invalid     argument arrays the method may well reject
 * @param notes       what could not be sampled, for the verification result
 * @param recorded    whether the samples come from real calls: their values are then never shown in messages
 * @param resultsRecorded whether the results come from real calls too (else they are synthesised, and a domain
 *                    may refuse one on purpose, as it may a synthesised argument)
 */
public record SampleSet(List<Object[]> valid, List<Object> results, List<Object[]> invalid, List<String> notes,
                        boolean recorded, boolean resultsRecorded) {

    /** A set whose results come from where its arguments come from. */
    public SampleSet(List<Object[]> valid, List<Object> results, List<Object[]> invalid, List<String> notes,
                     boolean recorded) {
        this(valid, results, invalid, notes, recorded, recorded);
    }

    public SampleSet {
        valid = Collections.unmodifiableList(new ArrayList<>(valid));
        results = Collections.unmodifiableList(new ArrayList<>(results));
        invalid = Collections.unmodifiableList(new ArrayList<>(invalid));
        notes = Collections.unmodifiableList(new ArrayList<>(notes));
    }
}
