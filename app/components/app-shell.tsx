// The signed-in frame: organization and user in the header, role-aware navigation, the page below.
import { Form, Link, useLocation } from "@remix-run/react";
import { Badge, Box, Button, Container, Flex, TabNav, Text } from "@radix-ui/themes";
import { roleLabels, sectionCovers, type Role, type Section } from "../permissions";

export interface ShellUser {
  name: string;
  email: string;
  organizationName: string;
  roles: Role[];
}

export function AppShell({ user, sections, children }: { user: ShellUser; sections: Section[]; children: React.ReactNode }) {
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="app-header">
        <Container size="4" px="4">
          <Flex align="center" justify="between" py="3" gap="4">
            <Flex align="center" gap="3">
              <span className="brand-mark" aria-hidden="true">
                +
              </span>
              <Flex direction="column">
                <Text weight="bold" size="3">
                  Infusion PA
                </Text>
                <Text size="1" color="gray" data-testid="organization-name">
                  {user.organizationName}
                </Text>
              </Flex>
            </Flex>
            <Flex align="center" gap="3">
              <Flex direction="column" align="end">
                <Text size="2" weight="medium" data-testid="user-name">
                  {user.name}
                </Text>
                <Flex gap="1">
                  {user.roles.map((role) => (
                    <Badge key={role} size="1" variant="soft" color="gray">
                      {roleLabels[role]}
                    </Badge>
                  ))}
                </Flex>
              </Flex>
              <Button asChild variant="ghost" color="gray" size="1">
                <Link to="/preferences/email">My email preferences</Link>
              </Button>
              <Form method="post" action="/logout">
                <Button type="submit" variant="soft" color="gray">
                  Sign out
                </Button>
              </Form>
            </Flex>
          </Flex>
          <nav aria-label="Main">
            <TabNav.Root>
              {sections.map((section) => (
                <NavTab key={section.id} section={section} />
              ))}
            </TabNav.Root>
          </nav>
        </Container>
      </header>
      <main id="main" className="app-main" tabIndex={-1}>
        <Container size="4" px="4" py="5">
          {children}
        </Container>
      </main>
    </>
  );
}

function NavTab({ section }: { section: Section }) {
  const { pathname } = useLocation();
  const active = sectionCovers(section, pathname);
  return (
    <TabNav.Link asChild active={active}>
      <Link to={section.path} prefetch="intent" aria-current={active ? "page" : undefined}>
        {section.label}
      </Link>
    </TabNav.Link>
  );
}

export function PageHeader({ title, description, actions }: { title: string; description: string; actions?: React.ReactNode }) {
  return (
    <Flex justify="between" align="end" mb="4" gap="4" wrap="wrap">
      <Box>
        <Text as="div" size="6" weight="bold">
          <h1 style={{ margin: 0, font: "inherit" }}>{title}</h1>
        </Text>
        <Text as="p" color="gray" size="2" mt="1">
          {description}
        </Text>
      </Box>
      {actions}
    </Flex>
  );
}
