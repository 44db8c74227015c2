/**
 * The JDKs installed on this machine ({@code /usr/lib/jvm}-style folders, {@code JAVA_HOME},
 * Maven's {@code ~/.m2/toolchains.xml}) and the resolution of a scenario's {@code jdk:} key to one
 * of them. Reads files only; it runs no JVM and knows nothing of git, builds or JMH.
 */
package dev.culprit.jdk;
