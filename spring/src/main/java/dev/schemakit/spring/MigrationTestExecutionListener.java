package dev.schemakit.spring;

import dev.schemakit.testkit.ClassDatabases;
import dev.schemakit.testkit.MigratedDatabase;
import org.springframework.core.Ordered;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestExecutionListener;

/**
 * Tells a shared application context which database the test method that starts uses, before Spring begins the
 * method's test transaction (this listener's order, 1900, comes before the transactional listener's 4000): under
 * {@code isolation = PER_METHOD} the method's own copy is made here when Spring's extension runs before schemakit's.
 * Registered in {@code META-INF/spring.factories}; users do not call it.
 */
public final class MigrationTestExecutionListener implements TestExecutionListener, Ordered {

  /** Before Spring's transactional (4000) and SQL-script (5000) listeners, after its dependency injection (2000). */
  static final int ORDER = 1900;

  @Override
  public int getOrder() {
    return ORDER;
  }

  @Override
  public void beforeTestMethod(TestContext testContext) {
    TestDatabaseDataSource dataSource = dataSource(testContext);
    if (dataSource != null) {
      MigratedDatabase database = ClassDatabases.forMethod(testContext.getTestClass(), testContext.getTestMethod());
      dataSource.enter(database);
    }
  }

  @Override
  public void afterTestMethod(TestContext testContext) {
    TestDatabaseDataSource dataSource = dataSource(testContext);
    if (dataSource != null) {
      dataSource.leave();
    }
  }

  /** The context's schemakit DataSource, when the class is a {@code @MigrationTest} one. */
  private static TestDatabaseDataSource dataSource(TestContext testContext) {
    if (MigrationTestContextCustomizerFactory.databaseClass(testContext.getTestClass()) == null) {
      return null;
    }
    return testContext.getApplicationContext().getBeanProvider(TestDatabaseDataSource.class).getIfAvailable();
  }
}
