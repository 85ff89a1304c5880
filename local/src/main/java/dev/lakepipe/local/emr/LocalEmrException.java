package dev.lakepipe.local.emr;

import static java.util.Objects.requireNonNull;

import dev.lakepipe.LakepipeException;

/**
 * A request the EMR API would reject (unknown or terminated cluster, bad request). {@link #errorName()} is
 * the Step Functions error name the task fails with. The exact prefix Step Functions uses for EMR API
 * errors is not verified on AWS (docs/orchestration.md); definitions catch these with States.ALL.
 */
public class LocalEmrException extends LakepipeException {

    public static final String INVALID_REQUEST = "ElasticMapReduce.InvalidRequestException";

    private final String errorName;

    public LocalEmrException(String errorName, String format, Object... args) {
        super(format, args);
        this.errorName = requireNonNull(errorName, "errorName is null");
    }

    public static LocalEmrException invalidRequest(String format, Object... args) {
        return new LocalEmrException(INVALID_REQUEST, format, args);
    }

    public String errorName() {
        return errorName;
    }
}
