package launcher;

import org.neo4j.gqlstatus.ErrorGqlStatusObject;
import org.neo4j.kernel.api.exceptions.Status;
import org.neo4j.kernel.api.query.ExecutingQuery;
import org.neo4j.kernel.impl.query.QueryExecutionMonitor;

/** A query monitor that only looks at queries that ended well (QueryShapes, SlowQueryLog). */
abstract class SuccessfulQueryMonitor implements QueryExecutionMonitor {
    @Override
    public abstract void endSuccess(ExecutingQuery query);

    @Override
    public void startProcessing(ExecutingQuery query) {}

    @Override
    public void startExecution(ExecutingQuery query) {}

    @Override
    public void endFailure(ExecutingQuery query, Throwable failure) {}

    @Override
    public void endFailure(ExecutingQuery query, String reason, Status status, ErrorGqlStatusObject gql) {}
}
