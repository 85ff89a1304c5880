package dev.lakepipe.local.emr.steps;

/** A step that loads Hudi classes, as every Hudi step does: it runs only with the Hudi bundle on its classpath. */
public final class HudiTouchingStep {

    private HudiTouchingStep() {}

    public static void main(String[] args) throws ClassNotFoundException {
        System.out.println("loaded "
                + Class.forName("org.apache.hudi.common.table.HoodieTableMetaClient")
                        .getName());
    }
}
