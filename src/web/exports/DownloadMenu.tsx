import { Button, type ButtonProps, Menu } from '@mantine/core'
import { Fragment } from 'react'

/** One file the menu offers: a plain link, so the browser downloads what the server names. */
export type Download = { key: string; label: string; href: string }
/** Files under one heading (a document, a list); a group without a heading follows the hint directly. */
export type DownloadGroup = { key: string; label?: string; items: Download[] }

/**
 * The one shape of every Export menu (a list's, an exchange's documents): a button, a hint of what
 * the files hold, and the files by group. The server names each file and audits its download.
 */
export function DownloadMenu(props: {
  button: string
  hint: string
  groups: DownloadGroup[]
  size?: ButtonProps['size']
}) {
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button variant="default" size={props.size ?? 'xs'}>
          {props.button}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{props.hint}</Menu.Label>
        {props.groups.map((g) => (
          <Fragment key={g.key}>
            {g.label !== undefined && (
              <>
                <Menu.Divider />
                <Menu.Label>{g.label}</Menu.Label>
              </>
            )}
            {g.items.map((item) => (
              <Menu.Item key={item.key} component="a" href={item.href} download>
                {item.label}
              </Menu.Item>
            ))}
          </Fragment>
        ))}
      </Menu.Dropdown>
    </Menu>
  )
}
