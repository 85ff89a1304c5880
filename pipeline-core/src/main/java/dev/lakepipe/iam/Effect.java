package dev.lakepipe.iam;

public enum Effect {
    ALLOW,
    DENY
}
