package dev.culprit.cli;

public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(0);
  }
}
