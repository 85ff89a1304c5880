package dev.lakepipe.asl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DefinitionValidationTest {

    private static final String KNOWN = "arn:aws:states:::sns:publish";

    private final StepFunctions engine = StepFunctions.builder()
            .integrations(new TaskIntegrations().register(new CannedResults(Map.of(KNOWN, StatesJson.object()))))
            .build();

    private List<String> problems(String definition) {
        // test shorthand: ' stands for ", and \' for a quote inside an intrinsic string
        return engine.validate(StatesJson.parse(
                definition.replace("\\'", "\u0000").replace('\'', '"').replace('\u0000', '\'')));
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', textBlock = """
            {'StartAt':'A','States':{'A':{'Type':'Tusk','End':true}}} | State 'A': unknown state type 'Tusk' (expected one of Task, Pass, Choice, Wait, Succeed, Fail, Parallel, Map)
            {'StartAt':'A','States':{'A':{'Type':'Task','Resource':'arn:aws:states:::glue:startJobRun','End':true}}} | State 'A': no integration handles resource 'arn:aws:states:::glue:startJobRun' (register a TaskIntegration or pass --task-result)
            {'StartAt':'A','States':{'A':{'Type':'Pass','Next':'B'}}} | State 'A': Next 'B' is not a state of the machine (a transition cannot leave or enter a branch)
            {'StartAt':'A','States':{'A':{'Type':'Pass'}}} | State 'A': must have exactly one of Next or "End": true
            {'StartAt':'A','States':{'A':{'Type':'Pass','End':true},'B':{'Type':'Pass','End':true}}} | State 'B': is not reachable from StartAt 'A'
            {'StartAt':'X','States':{'A':{'Type':'Pass','End':true}}} | Definition: StartAt 'X' is not a state of the machine
            {'StartAt':'A','States':{'A':{'Type':'Pass','InputPath':'$.a[?','End':true}}} | State 'A': invalid InputPath '$.a[?'
            {'StartAt':'A','States':{'A':{'Type':'Pass','ResultPath':'$.a[*]','End':true}}} | State 'A': invalid ResultPath '$.a[*]': must name a single node (no wildcard, filter or deep scan)
            {'StartAt':'A','States':{'A':{'Type':'Pass','OutputPath':'a.b','End':true}}} | State 'A': invalid OutputPath 'a.b': must start with '$'
            {'StartAt':'A','States':{'A':{'Type':'Pass','Parameters':{'x.$':'States.Nope(1)'},'End':true}}} | State 'A' Parameters field 'x.$': must be a valid JSONPath or a valid intrinsic function call: Invalid intrinsic function 'States.Nope'
            {'StartAt':'A','States':{'A':{'Type':'Pass','Parameters':{'x.$':'States.Format(\\'a)'},'End':true}}} | State 'A' Parameters field 'x.$': must be a valid JSONPath or a valid intrinsic function call: Invalid intrinsic function call States.Format('a) at position 17: unterminated string
            {'StartAt':'A','States':{'A':{'Type':'Pass','Parameters':{'x.$':'$.a','x':1},'End':true}}} | State 'A' Parameters: field 'x' appears twice (once with '.$')
            {'StartAt':'A','States':{'A':{'Type':'Choice','Choices':[{'Variable':'$.a','NumericEquals':'1','Next':'A'}]}}} | State 'A' Choices[0]: invalid operand for NumericEquals: "1"
            {'StartAt':'A','States':{'A':{'Type':'Choice','Choices':[{'Variable':'$.a','NumberEquals':1,'Next':'A'}]}}} | State 'A' Choices[0]: unknown comparison operator 'NumberEquals'
            {'StartAt':'A','States':{'A':{'Type':'Choice','Choices':[{'Not':{'Variable':'$.a','IsNull':true,'Next':'A'},'Next':'A'}]}}} | State 'A' Choices[0] Not: a nested rule may not have Next
            {'StartAt':'A','States':{'A':{'Type':'Choice','Choices':[{'Variable':'$.a','IsNull':true}],'Default':'A'}}} | State 'A' Choices[0]: Next is missing
            {'StartAt':'A','States':{'A':{'Type':'Wait','Seconds':1,'SecondsPath':'$.s','End':true}}} | State 'A': must have exactly one of Seconds, SecondsPath, Timestamp, TimestampPath
            {'StartAt':'A','States':{'A':{'Type':'Wait','Timestamp':'2020-01-01 00:00:00Z','End':true}}} | State 'A': Timestamp '2020-01-01 00:00:00Z' is not an RFC 3339 timestamp
            {'StartAt':'A','States':{'A':{'Type':'Wait','SecondsPath':null,'End':true}}} | State 'A': SecondsPath must be a Reference Path string, got null
            {'StartAt':'A','States':{'A':{'Type':'Fail','Error':'E','ErrorPath':'$.e'}}} | State 'A': Error and ErrorPath are mutually exclusive
            {'StartAt':'A','States':{'A':{'Type':'Succeed','Next':'A'}}} | State 'A': a Succeed state may have neither Next nor End
            {'StartAt':'A','States':{'A':{'Type':'Pass','Resource':'x','End':true}}} | State 'A': field 'Resource' is not allowed in a Pass state
            {'StartAt':'A','States':{'A':{'Type':'Pass','Assign':{},'End':true}}} | State 'A': field 'Assign' is not supported by the local runtime
            {'QueryLanguage':'JSONata','StartAt':'A','States':{'A':{'Type':'Pass','End':true}}} | Definition: QueryLanguage "JSONata" is not supported (JSONPath only)
            {'StartAt':'A','States':{'A':{'Type':'Task','Resource':'arn:aws:states:::sns:publish','Retry':[{'ErrorEquals':['States.ALL']},{'ErrorEquals':['X']}],'End':true}}} | State 'A' Retry[0]: States.ALL must appear alone and in the last entry
            {'StartAt':'A','States':{'A':{'Type':'Task','Resource':'arn:aws:states:::sns:publish','Retry':[{'ErrorEquals':['X'],'BackoffRate':0.5}],'End':true}}} | State 'A' Retry[0]: BackoffRate must be at least 1.0
            {'StartAt':'A','States':{'A':{'Type':'Task','Resource':'arn:aws:states:::sns:publish','Catch':[{'ErrorEquals':['X'],'Next':'Z'}],'End':true}}} | State 'A': Next 'Z' is not a state of the machine (a transition cannot leave or enter a branch)
            {'StartAt':'A','States':{'A':{'Type':'Task','Resource':'arn:aws:states:::sns:publish','TimeoutSeconds':5,'HeartbeatSeconds':5,'End':true}}} | State 'A': HeartbeatSeconds must be smaller than TimeoutSeconds
            {'StartAt':'A','States':{'A':{'Type':'Parallel','Branches':[{'StartAt':'B','States':{'B':{'Type':'Pass','Next':'A'}}}],'End':true}}} | State 'B': Next 'A' is not a state of State 'A' Branches[0] (a transition cannot leave or enter a branch)
            {'StartAt':'A','States':{'A':{'Type':'Parallel','Branches':[{'StartAt':'A','States':{'A':{'Type':'Pass','End':true}}}],'End':true}}} | State 'A': the name is used more than once (state names are unique across the machine)
            {'StartAt':'A','States':{'A':{'Type':'Map','ItemProcessor':{'ProcessorConfig':{'Mode':'DISTRIBUTED'},'StartAt':'B','States':{'B':{'Type':'Pass','End':true}}},'End':true}}} | State 'A': ProcessorConfig Mode DISTRIBUTED is not supported (INLINE only)
            {'StartAt':'A','States':{'A':{'Type':'Map','Iterator':{'StartAt':'B','States':{'B':{'Type':'Pass','End':true}}},'ItemProcessor':{'StartAt':'C','States':{'C':{'Type':'Pass','End':true}}},'End':true}}} | State 'A': ItemProcessor and Iterator are mutually exclusive
            """)
    void reportsTheProblemNamingTheState(String definition, String expected) {
        assertThat(problems(definition))
                .anySatisfy(problem -> assertThat(problem).startsWith(expected));
    }

    @Test
    void aValidDefinitionHasNoProblems() {
        assertThat(problems("""
                {'Comment':'ok','TimeoutSeconds':60,'StartAt':'A','States':{
                  'A':{'Type':'Task','Resource':'arn:aws:states:::sns:publish','Parameters':{'m.$':'States.Format(\\'{}\\', $.x)'},
                       'Retry':[{'ErrorEquals':['States.TaskFailed'],'MaxDelaySeconds':10,'JitterStrategy':'FULL'}],
                       'Catch':[{'ErrorEquals':['States.ALL'],'ResultPath':'$.error','Next':'F'}],'Next':'C'},
                  'C':{'Type':'Choice','Choices':[{'And':[{'Variable':'$.a','IsPresent':true},{'Variable':'$.a','NumericGreaterThanPath':'$.b'}],'Next':'S'}]},
                  'S':{'Type':'Succeed'},
                  'F':{'Type':'Fail','CausePath':'$.error.Cause','Error':'Failed'}}}
                """)).isEmpty();
    }

    @Test
    void loadThrowsWithEveryProblemAndTheMachineName() {
        assertThatThrownBy(() -> engine.load("broken", StatesJson.parse("""
                {"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "B"}, "C": {"Type": "Wait", "End": true}}}
                """), Map.of()))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage(String.format("Invalid state machine definition broken:%n"
                        + "  State 'C': must have exactly one of Seconds, SecondsPath, Timestamp, TimestampPath%n"
                        + "  State 'A': Next 'B' is not a state of the machine (a transition cannot leave or enter a branch)%n"
                        + "  State 'C': is not reachable from StartAt 'A'"));
    }

    @Test
    void substitutionsFillPlaceholdersInsideStrings() {
        StateMachine machine = engine.load("sub", StatesJson.parse("""
                {"StartAt": "A", "States": {"A": {"Type": "Task", "Resource": "${Resource}", "Parameters": {"TopicArn": "arn:${Partition}:sns:x"}, "End": true}}}
                """), Map.of("Resource", KNOWN, "Partition", "aws"));

        assertThat(machine.definition().at("/States/A/Parameters/TopicArn").asText())
                .isEqualTo("arn:aws:sns:x");
        assertThat(machine.definition().at("/States/A/Resource").asText()).isEqualTo(KNOWN);
        assertThat(machine.arn()).isEqualTo("arn:aws:states:local:000000000000:stateMachine:sub");
    }

    @Test
    void unfilledPlaceholdersAreListedWithTheirLocation() {
        assertThatThrownBy(() -> engine.load("sub", StatesJson.parse("""
                {"StartAt": "A", "States": {"A": {"Type": "Pass", "Result": ["${One}", "${Two}-${One}"], "End": true}}}
                """), Map.of()))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage(String.format(
                        "Invalid state machine definition sub:%n  unfilled placeholder(s) [${One}, ${Two}] at "
                                + "[${One} (/States/A/Result/0), ${Two} (/States/A/Result/1), ${One} (/States/A/Result/1)]; "
                                + "pass a value for each (--substitute KEY=VALUE)"));
    }
}
