package org.medpay.catalogue;

import java.util.List;

/** An import that was refused: nothing changed; every bad row is listed, in file order. */
public class CatalogueImportException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient List<RowProblem> problems;

    public CatalogueImportException(List<RowProblem> problems) {
        super(problems.size() + " bad row(s), first: " + (problems.isEmpty() ? "-" : problems.get(0)));
        this.problems = List.copyOf(problems);
    }

    public CatalogueImportException(String message, Throwable cause) {
        super(message, cause);
        this.problems = List.of(new RowProblem(0, RowProblem.Kind.BAD_FILE, message));
    }

    public List<RowProblem> problems() {
        return problems;
    }
}
